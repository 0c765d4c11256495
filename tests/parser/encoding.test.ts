import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/parser/parse.js";
import { positionAt } from "../../src/text/positions.js";
import { printSpec, printSpecBytes } from "../../src/tree/print.js";
import { allLines, expectType, fixtureBytes, lineAt, parseChecked, parseFixture } from "./helpers.js";

describe("encodings and line endings", () => {
  it("strips and records a BOM, reads CRLF lines, and prints the bytes back", () => {
    const bytes = fixtureBytes("crlf-bom.spec");
    const { tree, diagnostics } = parseFixture("crlf-bom.spec");
    expect(diagnostics).toEqual([]);
    expect(tree.encoding).toEqual({ bom: true, charset: "utf8" });
    expect(tree.text.startsWith("Name: crlf\r\n")).toBe(true);
    expect(Buffer.from(printSpecBytes(tree)).equals(Buffer.from(bytes))).toBe(true);
    expect(printSpec(tree)).toBe(`\uFEFF${tree.text}`);
  });

  it("keeps CR out of values and contents but inside the line node", () => {
    const { tree } = parseFixture("crlf-bom.spec");
    const name = expectType(lineAt(tree, 1), "TagLine");
    expect(name.value.text).toBe("crlf");
    expect(tree.text.slice(name.start, name.end)).toBe("Name: crlf\r\n");
    expect(expectType(lineAt(tree, 3), "ConditionalLine").expression?.text).toBe("1");
    expect(tree.sections.map((section) => section.kind)).toEqual(["preamble", "description", "files"]);
  });

  it("treats a lone CR as part of its line and keeps tabs", () => {
    const { tree } = parseFixture("crlf-bom.spec");
    expect(expectType(lineAt(tree, 8), "TextLine").content.text).toBe("Text\twith tab.");
    expect(expectType(lineAt(tree, 9), "TextLine").content.text).toBe("Lone\rCR stays in its line.");
  });

  it("does not continue a CRLF line ending in a backslash, as rpm does not", () => {
    const { tree } = parseFixture("crlf-bom.spec");
    const definition = expectType(lineAt(tree, 10), "MacroDefinitionLine");
    expect(definition.endLine).toBe(10);
    expect(lineAt(tree, 11).type).toBe("TextLine");
  });

  it("accepts a missing final newline", () => {
    const { tree } = parseFixture("crlf-bom.spec");
    const last = expectType(lineAt(tree, 13), "FilesLine");
    expect(last.end).toBe(tree.text.length);
    expect(last.paths.map((path) => path.text)).toEqual(["/usr/bin/crlf"]);
  });

  it("decodes invalid UTF-8 as latin1 and restores the exact bytes, NUL included", () => {
    const bytes = fixtureBytes("invalid-utf8.spec");
    const { tree, diagnostics } = parseFixture("invalid-utf8.spec");
    expect(diagnostics).toEqual([]);
    expect(tree.encoding).toEqual({ bom: false, charset: "latin1" });
    expect(expectType(lineAt(tree, 2), "TagLine").value.text).toBe("caf\u00e9 na\u00efve");
    expect(expectType(lineAt(tree, 5), "TextLine").content.text).toBe("NUL\u0000byte and \u00ff\u00fe junk.");
    expect(expectType(lineAt(tree, 7), "ChangelogHeaderLine").author?.text).toBe("J\u00f6rg M\u00fcller");
    expect(Buffer.from(printSpecBytes(tree)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("decodes valid UTF-8 as UTF-8 and counts columns in UTF-16 units", () => {
    const input = new TextEncoder().encode("Summary: caf\u00e9 \u{1F600} x\n");
    const { tree } = parseChecked(input);
    expect(tree.encoding.charset).toBe("utf8");
    const summary = expectType(lineAt(tree, 1), "TagLine");
    expect(summary.value.text).toBe("caf\u00e9 \u{1F600} x");
    expect(positionAt(tree, summary.value.end - 1)).toEqual({ line: 1, column: 18 });
    expect(Buffer.from(printSpecBytes(tree)).equals(Buffer.from(input))).toBe(true);
  });

  it("keeps a second BOM as text", () => {
    const input = Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41, 0x0a);
    const { tree } = parseChecked(input);
    expect(tree.text).toBe("\uFEFFA\n");
    expect(Buffer.from(printSpecBytes(tree)).equals(Buffer.from(input))).toBe(true);
  });

  it("takes a string input as text, a leading BOM character recorded", () => {
    const { tree } = parseChecked("\uFEFFName: s\n");
    expect(tree.encoding).toEqual({ bom: true, charset: "utf8" });
    expect(printSpec(tree)).toBe("\uFEFFName: s\n");
  });

  it("parses empty and blank-only input", () => {
    expect(parseChecked("").tree.sections).toEqual([
      { type: "Section", kind: "preamble", header: null, lines: [], start: 0, end: 0 },
    ]);
    expect(allLines(parseChecked("\n\n \t\n").tree).map((line) => line.type)).toEqual(["BlankLine", "BlankLine", "BlankLine"]);
  });

  it("never throws, and prints back, whatever the input", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const pieces = [
      ..."%{}()[]\\\n\r\t #*:-\"'x\u0000",
      "\r\n",
      "%if ",
      "%else",
      "%endif",
      "%elif ",
      "%ifarch ",
      "%package ",
      "%files ",
      "%description ",
      "%post ",
      "%triggerin ",
      "-n ",
      "-p ",
      "-f ",
      "-P ",
      "--",
      "%global ",
      "%define ",
      "%bcond ",
      "Requires(",
      "Patch 2",
      "%attr(",
      "%doc ",
      "%changelog\n",
      "* Mon Jan 01 2024 ",
      "<",
      "%%",
      "%end ",
      "%build -a -p",
    ];
    for (let round = 0; round < 2000; round++) {
      const count = random() % 60;
      let text = "";
      for (let index = 0; index < count; index++) text += pieces[random() % pieces.length];
      const { tree, diagnostics } = parseChecked(text);
      expect(printSpec(tree)).toBe(text);
      expect(diagnostics.filter((diagnostic) => diagnostic.message.startsWith("internal"))).toEqual([]);
    }
    const bytes = Uint8Array.from({ length: 2000 }, () => random() % 256);
    const { tree } = parseSpec(bytes);
    expect(Buffer.from(printSpecBytes(tree)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("positionAt", () => {
  const { tree } = parseChecked("ab\n\ncd\r\nef");
  it("gives 1-based lines and columns, a CR belonging to its line", () => {
    expect(positionAt(tree, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(tree, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(tree, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(tree, 6)).toEqual({ line: 3, column: 3 });
    expect(positionAt(tree, 8)).toEqual({ line: 4, column: 1 });
    expect(positionAt(tree, tree.text.length)).toEqual({ line: 4, column: 3 });
  });
});
