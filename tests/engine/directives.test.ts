import { describe, expect, it } from "vitest";
import { parseDirective } from "../../src/engine/directives.js";
import type { Span } from "../../src/tree/nodes.js";

/** A comment's content span as the parser gives it: the text after `#`, at `offset`. */
function content(text: string, offset = 10): Span {
  return { start: offset, end: offset + text.length, text };
}

describe("parseDirective", () => {
  it("ignores comments that are not addressed to rpmspec-lint", () => {
    expect(parseDirective(content(" just a comment"))).toBeNull();
    expect(parseDirective(content(" rpmspec-lint-test: target=epel-9"))).toBeNull();
    expect(parseDirective(content(" see rpmspec-lint: disable=x"))).toBeNull();
  });

  it("reads a line directive with several rules, their offsets and the reason", () => {
    const parsed = parseDirective(content(" rpmspec-lint: disable=forbidden-tag, setup-not-quiet -- upstream wants it"));
    expect(parsed).toEqual({
      directive: {
        scope: "line",
        rules: [
          { name: "forbidden-tag", start: 10 + 23, end: 10 + 36 },
          { name: "setup-not-quiet", start: 10 + 38, end: 10 + 53 },
        ],
        reason: "upstream wants it",
      },
    });
  });

  it("reads a file directive without a reason", () => {
    expect(parseDirective(content("rpmspec-lint: disable-file=summary-ends-with-period", 0))).toEqual({
      directive: {
        scope: "file",
        rules: [{ name: "summary-ends-with-period", start: 27, end: 51 }],
        reason: null,
      },
    });
  });

  it.each([
    [" rpmspec-lint: enable=forbidden-tag", "unknown directive `enable`"],
    [" rpmspec-lint: disable forbidden-tag", "expected `=` after `disable`"],
    [" rpmspec-lint: disable= -- why", "no rule named"],
    [" rpmspec-lint: disable=a,,b", "empty rule name"],
    [" rpmspec-lint: disable=a b", "separated by commas"],
    [" rpmspec-lint:", "expected `disable=`"],
  ])("reports %j as malformed (%s)", (text, problem) => {
    const parsed = parseDirective(content(text));
    expect(parsed).not.toBeNull();
    expect(parsed).toHaveProperty("malformed");
    if (parsed !== null && "malformed" in parsed) {
      expect(parsed.malformed.problem).toContain(problem);
      expect(parsed.malformed.start).toBe(11);
      expect(parsed.malformed.end).toBe(10 + text.trimEnd().length);
    }
  });
});
