import { describe, expect, it } from "vitest";
import { applyFixes } from "../../src/engine/apply-fixes.js";
import type { Finding, FixApplicability, TextEdit } from "../../src/engine/types.js";

function finding(rule: string, edits: TextEdit[], applicability: FixApplicability = "safe"): Finding {
  const start = Math.min(...edits.map((edit) => edit.start));
  return {
    rule,
    severity: "warning",
    message: rule,
    line: 1,
    column: start + 1,
    endLine: 1,
    endColumn: start + 1,
    start,
    end: start,
    url: "",
    fix: { title: rule, applicability, edits },
  };
}

describe("applyFixes", () => {
  it("applies non-overlapping edits from several findings in one pass", () => {
    const text = "Summary: Foo.\n%setup\n";
    const result = applyFixes(
      text,
      [finding("b", [{ start: 20, end: 20, text: " -q" }]), finding("a", [{ start: 12, end: 13, text: "" }])],
      { unsafe: false },
    );
    expect(result.output).toBe("Summary: Foo\n%setup -q\n");
    expect(result.applied.map((f) => f.rule)).toEqual(["a", "b"]);
  });

  it("defers a fix that overlaps one chosen earlier in the file", () => {
    const text = "abcdef";
    const result = applyFixes(
      text,
      [finding("first", [{ start: 1, end: 3, text: "X" }]), finding("second", [{ start: 2, end: 4, text: "Y" }])],
      { unsafe: false },
    );
    expect(result.output).toBe("aXdef");
    expect(result.applied.map((f) => f.rule)).toEqual(["first"]);
  });

  it("defers a second insertion at the same point, whose order would be arbitrary", () => {
    const result = applyFixes(
      "ab",
      [finding("one", [{ start: 1, end: 1, text: "1" }]), finding("two", [{ start: 1, end: 1, text: "2" }])],
      { unsafe: false },
    );
    expect(result.output).toBe("a1b");
    expect(result.applied).toHaveLength(1);
  });

  it("accepts edits that only touch", () => {
    const result = applyFixes(
      "abcd",
      [finding("left", [{ start: 0, end: 2, text: "X" }]), finding("right", [{ start: 2, end: 4, text: "Y" }])],
      { unsafe: false },
    );
    expect(result.output).toBe("XY");
  });

  it("applies a multi-edit fix whole or not at all", () => {
    const result = applyFixes(
      "0123456789",
      [
        finding("blocker", [{ start: 5, end: 6, text: "five" }]),
        finding("pair", [
          { start: 1, end: 2, text: "one" },
          { start: 5, end: 7, text: "" },
        ]),
      ],
      { unsafe: false },
    );
    expect(result.output).toBe("0one234789");
    expect(result.applied.map((f) => f.rule)).toEqual(["pair"]);
  });

  it("applies unsafe fixes only when asked", () => {
    const findings = [finding("risky", [{ start: 0, end: 1, text: "Z" }], "unsafe")];
    expect(applyFixes("abc", findings, { unsafe: false }).output).toBe("abc");
    expect(applyFixes("abc", findings, { unsafe: true }).output).toBe("Zbc");
  });

  it("ignores findings without fixes and fixes with edits outside the text", () => {
    const noFix: Finding = { ...finding("none", [{ start: 0, end: 0, text: "" }]), fix: null };
    const outside = finding("outside", [{ start: 2, end: 9, text: "" }]);
    const result = applyFixes("abc", [noFix, outside], { unsafe: true });
    expect(result).toEqual({ output: "abc", applied: [] });
  });

  it("keeps CRLF and non-ASCII text around the edits", () => {
    const text = "Summary: Café.\r\nName: x\r\n";
    const result = applyFixes(text, [finding("period", [{ start: 13, end: 14, text: "" }])], { unsafe: false });
    expect(result.output).toBe("Summary: Café\r\nName: x\r\n");
  });
});
