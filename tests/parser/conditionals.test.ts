import { describe, expect, it } from "vitest";
import type { ConditionalBlock } from "../../src/tree/nodes.js";
import { allLines, diagnosticsAt, expectType, lineAt, parseChecked, parseFixture } from "./helpers.js";

function blockShape(block: ConditionalBlock) {
  return {
    branches: block.branches.map((branch) => `${branch.directive.keyword}@${branch.directive.line}`),
    endif: block.endif?.line ?? null,
    parent: block.parent?.directive.line ?? null,
  };
}

describe("conditionals", () => {
  const { tree, diagnostics } = parseFixture("conditionals.spec");

  it("reports nothing for conditionals.spec", () => {
    expect(diagnostics).toEqual([]);
  });

  it("builds blocks with their branches, outermost first in file order", () => {
    expect(tree.conditionals.map(blockShape)).toEqual([
      { branches: ["if@2", "elif@4", "else@6"], endif: 8, parent: null },
      { branches: ["ifarch@9", "elifarch@13"], endif: 15, parent: null },
      { branches: ["ifnarch@10"], endif: 12, parent: 9 },
      { branches: ["ifos@16"], endif: 17, parent: null },
      { branches: ["ifnos@18", "elifos@19"], endif: 20, parent: null },
      { branches: ["if@21"], endif: 24, parent: null },
      { branches: ["if@25"], endif: 28, parent: null },
      { branches: ["if@35", "else@37"], endif: 39, parent: null },
      { branches: ["if@42"], endif: 51, parent: null },
    ]);
  });

  it("sets the innermost branch on every line, the enclosing one on directives", () => {
    expect(lineAt(tree, 3).branch?.directive.line).toBe(2);
    expect(lineAt(tree, 5).branch?.directive.line).toBe(4);
    expect(lineAt(tree, 7).branch?.directive.line).toBe(6);
    expect(lineAt(tree, 11).branch?.directive.line).toBe(10);
    expect(lineAt(tree, 10).branch?.directive.line).toBe(9);
    expect(lineAt(tree, 12).branch?.directive.line).toBe(9);
    expect(lineAt(tree, 2).branch).toBeNull();
    expect(lineAt(tree, 8).branch).toBeNull();
    expect(lineAt(tree, 29).branch).toBeNull();
  });

  it("gives branch bodies from after the directive to the next directive", () => {
    const branch = tree.conditionals[0]!.branches[0]!;
    expect(tree.text.slice(branch.start, branch.end)).toBe("BuildRequires: a\n");
  });

  it("reads expressions and arch lists, indented directives too", () => {
    const first = expectType(lineAt(tree, 2), "ConditionalLine");
    expect(first.keywordSpan.text).toBe("%if");
    expect(first.expression?.text).toBe("0%{?fedora} >= 40");
    expect(expectType(lineAt(tree, 9), "ConditionalLine").expression?.text).toBe("x86_64 aarch64");
    const indented = expectType(lineAt(tree, 10), "ConditionalLine");
    expect(indented.keyword).toBe("ifnarch");
    expect(indented.keywordSpan.start).toBe(tree.lineStarts[9]! + 2);
    expect(expectType(lineAt(tree, 6), "ConditionalLine").expression).toBeNull();
  });

  it("keeps free prose inside %if 0 as text and a comment after %endif as trailing", () => {
    expect(lineAt(tree, 22).type).toBe("TextLine");
    expect(lineAt(tree, 23).type).toBe("TextLine");
    const endif = expectType(lineAt(tree, 24), "ConditionalLine");
    expect(endif.trailing?.text).toBe("# a comment is allowed");
  });

  it("continues a directive ending in a backslash on the next line", () => {
    const directive = expectType(lineAt(tree, 25), "ConditionalLine");
    expect(directive.endLine).toBe(26);
    expect(directive.expression?.text).toBe("%{with docs} || \\\n    %{with tests}");
  });

  it("recognises %if inside a backslash-continued shell command", () => {
    expect(expectType(lineAt(tree, 34), "TextLine").content.text).toBe("%cmake \\");
    expect(lineAt(tree, 35).type).toBe("ConditionalLine");
    expect(lineAt(tree, 36).branch?.directive.line).toBe(35);
    expect(lineAt(tree, 38).branch?.directive.line).toBe(37);
    expect(lineAt(tree, 40).branch).toBeNull();
  });

  it("lets a block span section headers: sections stay syntactic", () => {
    const docs = tree.sections.filter((section) => section.header?.subpackage?.text === "docs");
    expect(docs.map((section) => section.kind)).toEqual(["package", "description", "files"]);
    for (const section of docs) expect(section.header?.branch?.directive.line).toBe(42);
    expect(lineAt(tree, 42).type).toBe("ConditionalLine");
    expect(tree.sections.find((section) => section.kind === "build")?.lines.at(-1)?.line).toBe(42);
    expect(lineAt(tree, 51).type).toBe("ConditionalLine");
  });

  it("is not fooled by words that start like directives", () => {
    const { tree: other, diagnostics: problems } = parseChecked("%iffy\n%if0\n%endiff\n%elsewhere\n%IF 1\n");
    expect(problems).toEqual([]);
    expect(allLines(other).map((line) => line.type)).toEqual(["TextLine", "TextLine", "TextLine", "TextLine", "TextLine"]);
  });

  it("reports stray, misplaced and unterminated directives at their exact position", () => {
    const result = parseChecked("%else\n  %endif\n%if 1\n%else\n%elif 0\n%endif\n%ifarch x86_64\n%if 1\n");
    expect(diagnosticsAt(result)).toEqual([
      "1:1 %else without a matching %if",
      "2:3 %endif without a matching %if",
      "5:1 %elif after %else in the same %if block",
      "7:1 %ifarch without a matching %endif",
      "8:1 %if without a matching %endif",
    ]);
    const [outer, inner] = result.tree.conditionals.slice(-2);
    expect(outer?.endif).toBeNull();
    expect(inner?.parent).toBe(outer?.branches[0]);
    expect(inner?.branches[0]?.end).toBe(result.tree.text.length);
  });

  it("reports text after %else or %endif unless it is a comment", () => {
    const result = parseChecked("%if 1\n%else junk\n%endif # fine\n");
    expect(diagnosticsAt(result)).toEqual(["2:7 %else takes no arguments (rpm rejects the text after it unless it is a # comment)"]);
    expect(expectType(lineAt(result.tree, 2), "ConditionalLine").trailing?.text).toBe("junk");
  });

  it("handles 10,000 nested blocks", () => {
    const depth = 10_000;
    const result = parseChecked("%if 1\n".repeat(depth) + "BuildRequires: deep\n" + "%endif\n".repeat(depth));
    expect(result.diagnostics).toEqual([]);
    expect(result.tree.conditionals).toHaveLength(depth);
    let chain = 0;
    for (let branch = lineAt(result.tree, depth + 1).branch; branch !== null; branch = branch.block.parent) chain++;
    expect(chain).toBe(depth);
  });
});
