/**
 * What a fixture cannot show: an `# expect:` comment asks for a piece of the message, not for
 * the absence of one. The message names the tag's own branch, so the engine's note about an
 * unknown condition must name only the conditions around its block.
 */
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { lintSpec } from "../../src/engine/lint.js";
import { onlyRule } from "./support.js";

const RULE = "core-tag-in-conditional";

function messages(preamble: string): string[] {
  const spec = `Name: hello\n${preamble}\nRelease: 1\nSummary: Greets\nLicense: MIT\n\n%description\nGreets.\n`;
  return lintSpec(spec, { rules: allRules, severities: onlyRule(RULE) })
    .findings.filter((finding) => finding.rule === RULE)
    .map((finding) => finding.message);
}

describe(RULE, () => {
  it("names an unknown condition once, in the message itself", () => {
    const found = messages("%if %(test -e /etc/next && echo 1)\nVersion: 2\n%else\nVersion: 1\n%endif");
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^`Version:` is set inside `%if %\(test -e \/etc\/next && echo 1\)` \(line 2\);/);
    expect(found[1]).toMatch(/^`Version:` is set inside the `%else` of `%if %\(test -e \/etc\/next && echo 1\)` \(line 4\);/);
    for (const message of found) expect(message).not.toContain("depends on");
  });

  it("still notes an unknown condition around the block", () => {
    const found = messages("%if %(test -e /etc/next && echo 1)\n%if 1\nVersion: 2\n%endif\n%endif");
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("is set inside `%if 1` (line 3)");
    expect(found[0]).toMatch(/\(in a branch that depends on `%\(test -e \/etc\/next && echo 1\)`\)$/);
  });
});
