import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { expandedTextIncludes, expandMapped, writtenRange } from "../../src/evaluation/expanded-text.js";
import { parseSpec } from "../../src/parser/parse.js";

describe("expandMapped", () => {
  const text = "%global pybin %{_bindir}/python3\n%{_bindir}/python3 -c x; %{pybin}; %(date)/x\n";
  const evaluation = evaluate(parseSpec(text).tree, {});
  const lineStart = text.indexOf("\n") + 1;
  const mapped = expandMapped(evaluation, lineStart, text.length - 1);

  it("expands each macro use alone and keeps literal text", () => {
    expect(mapped.value).toBe("/usr/bin/python3 -c x; /usr/bin/python3; \uE000/x");
  });

  it("maps ranges of the value back to the written text", () => {
    const first = writtenRange(mapped, 0, "/usr/bin/python3".length);
    expect(text.slice(first.start, first.end)).toBe("%{_bindir}/python3");
    expect(first).toMatchObject({ exact: true, withinOneMacro: false });
    const second = mapped.value.indexOf("/usr/bin/python3", 1);
    expect(writtenRange(mapped, second, second + "/usr/bin/python3".length)).toMatchObject({ exact: true, withinOneMacro: true });
    const partial = writtenRange(mapped, second + 4, second + 8);
    expect(partial.exact).toBe(false);
  });
});

describe("expandedTextIncludes", () => {
  const text = "%global p p\n%global yy y3\nx%{p}y %{_bindir} %{p}%{yy}\n";
  const evaluation = evaluate(parseSpec(text).tree, {});
  const lineStart = text.lastIndexOf("x%");
  const lineEnd = text.length - 1;

  it("finds the needle in a macro's value, in literal text, and across pieces", () => {
    expect(expandedTextIncludes(evaluation, lineStart, lineEnd, "usr/bin")).toBe(true);
    expect(expandedTextIncludes(evaluation, lineStart, lineEnd, "x")).toBe(true);
    // `x%{p}y` expands to `xpy`; `%{p}%{yy}` to `py3`.
    expect(expandedTextIncludes(evaluation, lineStart, lineStart + "x%{p}y".length, "py")).toBe(true);
    expect(expandedTextIncludes(evaluation, text.indexOf("%{p}%{yy}"), lineEnd, "py3")).toBe(true);
  });

  it("answers as the mapped expansion does", () => {
    for (const needle of ["py", "bin/", "yy", "p y", "python"]) {
      expect(expandedTextIncludes(evaluation, lineStart, lineEnd, needle)).toBe(expandMapped(evaluation, lineStart, lineEnd).value.includes(needle));
    }
  });
});
