import { describe, expect, it } from "vitest";
import type { LineNode } from "../../src/tree/nodes.js";
import { allLines, parseFixture } from "./helpers.js";

const FIXTURES = ["sections.spec", "conditionals.spec", "multiline-macros.spec", "tags.spec", "files.spec", "changelog.spec"];

/** The spans a line node holds directly: its fields that are `{ start, end, text }`. */
function spansOf(line: LineNode): object[] {
  return Object.values(line).filter(
    (value): value is object => typeof value === "object" && value !== null && "text" in value && "start" in value && "end" in value,
  );
}

// See src/parser/line-nodes.ts: object literals here let V8 pretenure every later spec's lines.
describe("line nodes and spans", () => {
  const lines = FIXTURES.flatMap((name) => allLines(parseFixture(name).tree));

  it("covers every kind of line node", () => {
    expect(new Set(lines.map((line) => line.type))).toEqual(
      new Set(["BlankLine", "CommentLine", "ConditionalLine", "MacroDefinitionLine", "BcondLine", "TagLine", "FilesLine", "ChangelogHeaderLine", "TextLine"]),
    );
  });

  it("are made by constructors, not object literals", () => {
    for (const line of lines) {
      expect(Object.getPrototypeOf(line), `${line.type} on line ${line.line}`).not.toBe(Object.prototype);
      for (const span of spansOf(line)) expect(Object.getPrototypeOf(span), `a span of ${line.type} on line ${line.line}`).not.toBe(Object.prototype);
    }
  });

  it("keep the field order of the tree's interfaces, which JSON output follows", () => {
    for (const line of lines) expect(Object.keys(line).slice(0, 6)).toEqual(["type", "start", "end", "line", "endLine", "branch"]);
    const spans = lines.flatMap(spansOf);
    expect(spans.length).toBeGreaterThan(100);
    for (const span of spans) expect(Object.keys(span)).toEqual(["start", "end", "text"]);
  });
});
