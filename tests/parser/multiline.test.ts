import { describe, expect, it } from "vitest";
import { scanLineContinuations } from "../../src/parser/continuation.js";
import { computeLineStarts } from "../../src/text/positions.js";
import { printSpec } from "../../src/tree/print.js";
import { allLines, diagnosticsAt, expectType, lineAt, parseChecked, parseFixture } from "./helpers.js";

describe("lines joined by open macro constructs", () => {
  const { tree, diagnostics } = parseFixture("multiline-macros.spec");

  it("reports nothing for multiline-macros.spec", () => {
    expect(diagnostics).toEqual([]);
  });

  it("reads a %global whose %{expand: body closes on a later line", () => {
    const definition = expectType(lineAt(tree, 2), "MacroDefinitionLine");
    expect(definition).toMatchObject({ keyword: "global", line: 2, endLine: 4, parameters: null });
    expect(definition.name.text).toBe("desc");
    expect(definition.body?.text).toBe("%{expand:\nLine one\nLine two}");
  });

  it("reads a parametric %define continued by a trailing backslash", () => {
    const definition = expectType(lineAt(tree, 5), "MacroDefinitionLine");
    expect(definition).toMatchObject({ keyword: "define", endLine: 6 });
    expect(definition.name.text).toBe("paramized");
    expect(definition.parameters?.text).toBe("a:b");
    expect(definition.body?.text).toBe("%{-a:%{-a*}} \\\n  second line");
  });

  it("keeps a %{lua: block with plain braces inside as one text line", () => {
    const lua = expectType(lineAt(tree, 7), "TextLine");
    expect(lua.endLine).toBe(10);
    expect(lua.content.text).toBe('%{lua:\nprint("Requires: x")\nfor i = 1, 3 do t = {i} end\n}');
    expect(lineAt(tree, 11).type).toBe("TagLine");
  });

  it("joins %( and %[ constructs, in tag values too", () => {
    const license = expectType(lineAt(tree, 12), "TagLine");
    expect(license).toMatchObject({ name: "license", endLine: 13 });
    expect(license.value.text).toBe("%(echo\nMIT)");
    expect(expectType(lineAt(tree, 14), "TextLine").endLine).toBe(15);
  });

  it("does not open a construct after the %% escape", () => {
    const url = expectType(lineAt(tree, 16), "TagLine");
    expect(url.endLine).toBe(16);
    expect(url.value.text).toBe("%%{not_a_macro");
  });

  it("does not continue a definition whose final backslash is escaped", () => {
    const definition = expectType(lineAt(tree, 20), "MacroDefinitionLine");
    expect(definition.endLine).toBe(20);
    expect(definition.body?.text).toBe("a \\\\");
    expect(lineAt(tree, 21).type).toBe("TextLine");
  });

  it("reads the three %bcond forms and %undefine", () => {
    const bcond = expectType(lineAt(tree, 22), "BcondLine");
    expect([bcond.keyword, bcond.name.text, bcond.defaultValue?.text]).toEqual(["bcond", "tests", "1"]);
    const withDocs = expectType(lineAt(tree, 23), "BcondLine");
    expect([withDocs.keyword, withDocs.name.text, withDocs.defaultValue]).toEqual(["bcond_with", "docs", null]);
    expect(expectType(lineAt(tree, 24), "BcondLine").keyword).toBe("bcond_without");
    const expression = parseChecked("%bcond tests %[ %{undefined rhel} || %{defined epel} ] # not part of it\n").tree;
    expect(expectType(lineAt(expression, 1), "BcondLine").defaultValue?.text).toBe("%[ %{undefined rhel} || %{defined epel} ]");
    const undefine = expectType(lineAt(tree, 25), "MacroDefinitionLine");
    expect([undefine.keyword, undefine.name.text, undefine.body]).toEqual(["undefine", "_hardened_build", null]);
  });

  it("joins lines even after %dnl, as rpm reads before expanding", () => {
    expect(expectType(lineAt(tree, 26), "TextLine").endLine).toBe(27);
    expect(lineAt(tree, 28).type).toBe("TextLine");
  });

  it("keeps %if lines inside an open construct within its one line", () => {
    const result = parseChecked("%global body %{expand:\n%if 1\nx\n%endif\n}\nName: after\n");
    expect(result.diagnostics).toEqual([]);
    expect(result.tree.conditionals).toEqual([]);
    expect(allLines(result.tree).map((line) => [line.type, line.line, line.endLine])).toEqual([
      ["MacroDefinitionLine", 1, 5],
      ["TagLine", 6, 6],
    ]);
  });

  it("counts the three kinds of construct independently", () => {
    const result = parseChecked("%{a %( }\nnext )\nlast\n");
    expect(allLines(result.tree).map((line) => [line.line, line.endLine])).toEqual([
      [1, 2],
      [3, 3],
    ]);
  });

  it("ignores brackets escaped with a backslash", () => {
    const result = parseChecked("%{a \\}\n}\nlast\n");
    expect(allLines(result.tree).map((line) => [line.line, line.endLine])).toEqual([
      [1, 2],
      [3, 3],
    ]);
  });

  it("reports an opening that never closes and reads the following lines on their own", () => {
    const result = parseChecked("Name: x\nBuildRequires: %{foo\n%if 1\nRequires: { a\n%endif\nfoo() {\n}\n");
    expect(diagnosticsAt(result)).toEqual(["2:16 unclosed %{: rpm would read to the end of the file looking for its }"]);
    expect(allLines(result.tree).map((line) => [line.type, line.line, line.endLine])).toEqual([
      ["TagLine", 1, 1],
      ["TagLine", 2, 2],
      ["ConditionalLine", 3, 3],
      ["TagLine", 4, 4],
      ["ConditionalLine", 5, 5],
      ["TextLine", 6, 6],
      ["TextLine", 7, 7],
    ]);
  });

  it("still pairs constructs that close after an unclosed one", () => {
    const result = parseChecked("%{never\n%{lua:\nx = {}\n}\nlast\n");
    expect(diagnosticsAt(result)).toEqual(["1:1 unclosed %{: rpm would read to the end of the file looking for its }"]);
    expect(allLines(result.tree).map((line) => [line.line, line.endLine])).toEqual([
      [1, 1],
      [2, 4],
      [5, 5],
    ]);
  });

  it("reports a backslash continuation at the end of the file", () => {
    const result = parseChecked("%global a b \\\n");
    expect(diagnosticsAt(result)).toEqual(["1:13 the file ends in a backslash line continuation"]);
  });

  it("handles 100,000 unclosed openings, one per line", () => {
    const input = "BuildRequires: %{foo\n".repeat(100_000);
    const result = parseChecked(input);
    expect(result.diagnostics).toHaveLength(100_000);
    expect(allLines(result.tree).every((line) => line.type === "TagLine" && line.endLine === line.line)).toBe(true);
    expect(printSpec(result.tree)).toBe(input);
  });

  it("handles a 5 MB line", () => {
    const input = `Requires: ${"%{a} ".repeat(1_000_000)}\n%description\n`;
    const result = parseChecked(input);
    expect(result.diagnostics).toEqual([]);
    expect(expectType(lineAt(result.tree, 1), "TagLine").value.text.length).toBe(5_000_000 - 1);
    expect(result.tree.sections).toHaveLength(2);
  });
});

describe("scanLineContinuations between specs", () => {
  it("reads a spec the same after a spec with thousands of openings", () => {
    const scan = (text: string) => {
      const starts = computeLineStarts(text);
      const result = scanLineContinuations(text, starts, starts.length);
      return { joinsNext: [...result.joinsNext], backslashNewline: [...result.backslashNewline], unclosed: result.unclosed };
    };
    const small = "%global x %{expand:\na}\nName: %{x}\n%{?y:\n}\n";
    const before = scan(small);
    scan(`${"%{".repeat(10_000)}\n${"(".repeat(10_000)}\n`);
    expect(scan(small)).toEqual(before);
  });

  it("gives each spec its own line flags, after specs with more lines of them", () => {
    const scan = (text: string) => {
      const starts = computeLineStarts(text);
      const result = scanLineContinuations(text, starts, starts.length);
      return { joinsNext: [...result.joinsNext], backslashNewline: [...result.backslashNewline] };
    };
    const small = "a \\\nb\nc %{?x:\n}\nd\n";
    const before = scan(small);
    expect(before).toEqual({ joinsNext: [0, 0, 1, 0, 0, 0], backslashNewline: [1, 0, 0, 0, 0, 0] });
    scan("x \\\n".repeat(5_000) + "%{?y:\n".repeat(5_000) + "}".repeat(5_000));
    expect(scan(small)).toEqual(before);
  });
});
