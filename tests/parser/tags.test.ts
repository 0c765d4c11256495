import { describe, expect, it } from "vitest";
import { allLines, expectType, lineAt, parseChecked, parseFixture } from "./helpers.js";

describe("preamble tags", () => {
  const { tree, diagnostics } = parseFixture("tags.spec");
  const tag = (line: number) => {
    const node = expectType(lineAt(tree, line), "TagLine");
    return {
      tag: node.tag.text,
      name: node.name,
      number: node.number,
      qualifiers: node.qualifiers?.text ?? null,
      value: node.value.text,
    };
  };

  it("reports nothing for tags.spec", () => {
    expect(diagnostics).toEqual([]);
  });

  it("matches tag names case-insensitively and keeps them as written", () => {
    expect(tag(6)).toEqual({ tag: "Url", name: "url", number: null, qualifiers: null, value: "https://example.org" });
    expect(tag(7)).toEqual({ tag: "Buildrequires", name: "buildrequires", number: null, qualifiers: null, value: "python3-devel" });
    expect(tag(8).value).toBe("python3dist(setuptools) >= 40, gcc");
  });

  it("reads qualifiers, with or without a space before the parenthesis", () => {
    expect(tag(5)).toMatchObject({ name: "summary", qualifiers: "de", value: "Etiketten" });
    expect(tag(9)).toMatchObject({ name: "requires", qualifiers: "post", value: "systemd" });
    expect(tag(10)).toMatchObject({ tag: "Requires", qualifiers: "pre", value: "shadow-utils" });
    expect(tag(11)).toMatchObject({ qualifiers: "post,preun" });
    expect(tag(12)).toMatchObject({ name: "buildoption", qualifiers: "install", value: "-l demo" });
  });

  it("reads numbered and unnumbered sources and patches", () => {
    expect(tag(13)).toMatchObject({ tag: "Source", name: "source", number: null });
    expect(tag(14)).toMatchObject({ tag: "Source0", name: "source", number: 0 });
    expect(tag(15)).toMatchObject({ tag: "Source12", number: 12, value: "extra.txt" });
    expect(tag(16)).toMatchObject({ tag: "Patch", name: "patch", number: null });
    expect(tag(17)).toMatchObject({ tag: "Patch7", number: 7 });
    expect(tag(18)).toMatchObject({ tag: "Patch 11", name: "patch", number: 11, value: "spaced.patch" });
  });

  it("folds aliases and allows leading white space", () => {
    expect(tag(19)).toMatchObject({ tag: "BuildArch", name: "buildarch", value: "noarch" });
    expect(tag(20)).toMatchObject({ tag: "BuildArchitectures", name: "buildarch" });
    expect(tag(21)).toMatchObject({ tag: "Prefixes", name: "prefix" });
    expect(tag(22)).toMatchObject({ name: "buildsystem", value: "pyproject" });
    expect(tag(23)).toMatchObject({ tag: "Vcs", name: "vcs" });
    expect(tag(30)).toMatchObject({ tag: "Summary", value: "spaced colon" });
  });

  it("gives the value's exact offsets", () => {
    const node = expectType(lineAt(tree, 8), "TagLine");
    expect(tree.text.slice(node.value.start, node.value.end)).toBe(node.value.text);
    expect(tree.text.slice(node.tag.start, node.tag.end)).toBe("BuildRequires");
  });

  it("reads tags inside conditionals and in %package sections", () => {
    expect(tag(25)).toMatchObject({ name: "recommends", value: "python3-extra" });
    expect(lineAt(tree, 25).branch?.directive.line).toBe(24);
    expect(tag(37)).toMatchObject({ name: "obsoletes", value: "old < 1.0" });
    expect(tree.sections[2]?.kind).toBe("package");
  });

  it("keeps an empty value as an empty span", () => {
    expect(tag(29)).toMatchObject({ name: "provides", value: "" });
  });

  it("leaves unknown words, macro lines and description text as text lines", () => {
    expect(expectType(lineAt(tree, 27), "TextLine").content.text).toBe("Colour: blue");
    expect(lineAt(tree, 28).type).toBe("TextLine");
    expect(lineAt(tree, 33).type).toBe("TextLine");
  });

  it("needs the colon after the tag name and qualifiers", () => {
    const { tree: other } = parseChecked("Name foo\nRequires(post) systemd\nNames: x\nSource1a: y\nSummary(: z\n");
    expect(allLines(other).map((line) => line.type)).toEqual(["TextLine", "TextLine", "TextLine", "TextLine", "TextLine"]);
  });
});
