import { describe, expect, it } from "vitest";
import { applyFixes } from "../../src/engine/apply-fixes.js";
import { deleteLine, insertLineAfter, insertLineBefore, newlineAt, tagLineLike } from "../../src/engine/edits.js";
import type { Finding, TextEdit } from "../../src/engine/types.js";
import { parseSpec } from "../../src/parser/parse.js";
import type { SpecFile, TagLine } from "../../src/tree/nodes.js";

function tagLines(tree: SpecFile): TagLine[] {
  return tree.sections.flatMap((section) => section.lines.filter((line): line is TagLine => line.type === "TagLine"));
}

function apply(text: string, edits: TextEdit[]): string {
  const finding: Finding = {
    rule: "test",
    severity: "warning",
    message: "",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    start: 0,
    end: 0,
    url: "",
    fix: { title: "test", applicability: "safe", edits },
  };
  return applyFixes(text, [finding], { unsafe: false }).output;
}

describe("newlineAt", () => {
  it("gives the newline of the line at an offset, else the file's first one, else LF", () => {
    const { tree } = parseSpec("Name: a\r\nVersion: 1\nRelease: 1");
    expect(newlineAt(tree, 0)).toBe("\r\n");
    expect(newlineAt(tree, 10)).toBe("\n");
    expect(newlineAt(tree, 22)).toBe("\r\n");
    expect(newlineAt(parseSpec("Name: a").tree, 0)).toBe("\n");
  });
});

describe("line insertion", () => {
  it("inserts after a line in the file's CRLF style", () => {
    const text = "Name: a\r\nLicense: MIT\r\n\r\n%description\r\nx\r\n";
    const { tree } = parseSpec(text);
    const license = tagLines(tree)[1] as TagLine;
    expect(apply(text, [insertLineAfter(tree, license, "BuildRequires: python3-devel")])).toBe(
      "Name: a\r\nLicense: MIT\r\nBuildRequires: python3-devel\r\n\r\n%description\r\nx\r\n",
    );
  });

  it("inserts after a last line that has no newline", () => {
    const text = "Name: a\nLicense: MIT";
    const { tree } = parseSpec(text);
    const license = tagLines(tree)[1] as TagLine;
    expect(apply(text, [insertLineAfter(tree, license, "URL: x")])).toBe("Name: a\nLicense: MIT\nURL: x");
  });

  it("inserts before a line and deletes a line", () => {
    const text = "Name: a\r\nLicense: MIT\r\n";
    const { tree } = parseSpec(text);
    const [name, license] = tagLines(tree) as [TagLine, TagLine];
    expect(apply(text, [insertLineBefore(tree, license, "Version: 1")])).toBe("Name: a\r\nVersion: 1\r\nLicense: MIT\r\n");
    expect(apply(text, [deleteLine(name)])).toBe("License: MIT\r\n");
  });
});

describe("tagLineLike", () => {
  it("aligns the value with spaces like the reference line", () => {
    const { tree } = parseSpec("Name:           a\nBuildRequires:  gcc\n");
    const reference = tagLines(tree)[1] as TagLine;
    expect(tagLineLike(tree, reference, "BuildRequires", "python3-devel")).toBe("BuildRequires:  python3-devel");
    expect(tagLineLike(tree, reference, "Requires", "python3-foo")).toBe("Requires:       python3-foo");
  });

  it("aligns with tabs when the reference uses tabs", () => {
    const { tree } = parseSpec("Name:\t\ta\nBuildRequires:\tgcc\n");
    const reference = tagLines(tree)[0] as TagLine;
    expect(tagLineLike(tree, reference, "Requires", "python3-foo")).toBe("Requires:\tpython3-foo");
    expect(tagLineLike(tree, reference, "BuildRequires", "python3-devel")).toBe("BuildRequires:\tpython3-devel");
  });

  it("keeps one blank when the new tag is longer than the alignment column", () => {
    const { tree } = parseSpec("Name: a\n");
    const reference = tagLines(tree)[0] as TagLine;
    expect(tagLineLike(tree, reference, "BuildRequires", "python3-devel")).toBe("BuildRequires: python3-devel");
  });

  it("keeps the reference line's indentation", () => {
    const { tree } = parseSpec("%if 1\n  Requires:   foo\n%endif\n");
    const reference = tagLines(tree)[0] as TagLine;
    expect(tagLineLike(tree, reference, "Requires", "bar")).toBe("  Requires:   bar");
  });
});
