import { describe, expect, it } from "vitest";
import { printSpec, printSpecBytes } from "../../src/tree/print.js";
import { forEachLine } from "../../src/tree/walk.js";
import type { LineNode, Section } from "../../src/tree/nodes.js";
import { fixtureBytes, parseFixture } from "./helpers.js";

describe("printSpec and forEachLine", () => {
  it("prints every fixture back exactly", () => {
    for (const name of ["sections.spec", "conditionals.spec", "multiline-macros.spec", "crlf-bom.spec", "invalid-utf8.spec"]) {
      const { tree } = parseFixture(name);
      expect(Buffer.from(printSpecBytes(tree)).equals(Buffer.from(fixtureBytes(name)))).toBe(true);
    }
  });

  it("prints from the nodes, not from the stored text", () => {
    const { tree } = parseFixture("tags.spec");
    const preamble = tree.sections[0] as Section;
    const dropped = preamble.lines.shift() as LineNode;
    expect(printSpec(tree)).toBe(tree.text.slice(dropped.end));
  });

  it("visits every line node in file order with its section", () => {
    const { tree } = parseFixture("conditionals.spec");
    const visited: string[] = [];
    forEachLine(tree, (line, section) => visited.push(`${section.kind}:${line.line}`));
    const expected = tree.sections.flatMap((section) => section.lines.map((line) => `${section.kind}:${line.line}`));
    expect(visited).toEqual(expected);
    expect(visited.slice(0, 2)).toEqual(["preamble:1", "preamble:2"]);
    expect(visited.at(-1)).toBe("files:51");
  });
});
