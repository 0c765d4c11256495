/**
 * What a fixture cannot show: an `# expect:` comment cannot sit inside a macro call continued
 * over several lines, so the continued-argument case is checked here; and `%clean`, which other
 * rules report in every fixture that has one.
 */
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { lintSpec } from "../../src/engine/lint.js";
import { onlyRule } from "./support.js";

const RULE = "pyproject-save-files-glob";

function findings(install: string, section = "install"): string[] {
  const spec = `Name: python-foo\nVersion: 1\nRelease: 1\nSummary: Foo\nLicense: MIT\n\n%description\nFoo.\n\n%${section}\n${install}\n`;
  return lintSpec(spec, { rules: allRules, severities: onlyRule(RULE) })
    .findings.filter((finding) => finding.rule === RULE)
    .map((finding) => `${finding.line}:${finding.column} ${finding.severity}`);
}

describe(RULE, () => {
  it("reads arguments continued over backslash-newlines (LF and CRLF)", () => {
    expect(findings("%pyproject_save_files -l \\\n    foo \\\n    '*'")).toEqual(["13:5 warning"]);
    expect(findings("%pyproject_save_files -l \\\r\n    foo +auto\r\n")).toEqual(["12:9 error"]);
  });

  it("reads the build scriptlets that make the package, not %clean", () => {
    expect(findings("%pyproject_save_files '*'", "check")).toEqual(["11:23 warning"]);
    expect(findings("%pyproject_save_files '*'", "clean")).toEqual([]);
  });

  it("stops at the end of a line that is not continued", () => {
    expect(findings("%pyproject_save_files -l foo\necho '*'")).toEqual([]);
  });
});
