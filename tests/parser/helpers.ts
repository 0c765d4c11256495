import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parseSpec } from "../../src/parser/parse.js";
import { positionAt } from "../../src/text/positions.js";
import type { LineNode, SpecFile } from "../../src/tree/nodes.js";

const FIXTURES = fileURLToPath(new URL("../../specs-corpus/_parser/", import.meta.url));

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(`${FIXTURES}${name}`);
}

/** Parses a spec of specs-corpus/_parser and checks the tree's invariants. */
export function parseFixture(name: string): ReturnType<typeof parseSpec> {
  return parseChecked(fixtureBytes(name));
}

export function parseChecked(input: string | Uint8Array): ReturnType<typeof parseSpec> {
  const result = parseSpec(input);
  expectWellFormed(result.tree);
  return result;
}

export function allLines(tree: SpecFile): LineNode[] {
  return tree.sections.flatMap((section) => section.lines);
}

/** The line node that starts on 1-based `line`. */
export function lineAt(tree: SpecFile, line: number): LineNode {
  const node = allLines(tree).find((candidate) => candidate.line === line);
  if (node === undefined) throw new Error(`no line node starts on line ${line}`);
  return node;
}

/** Narrows a line node to one type, failing the test otherwise. */
export function expectType<T extends LineNode["type"]>(node: LineNode, type: T): Extract<LineNode, { type: T }> {
  expect(node.type).toBe(type);
  return node as Extract<LineNode, { type: T }>;
}

/** Diagnostics as `line:column message`, for readable assertions. */
export function diagnosticsAt(result: ReturnType<typeof parseSpec>): string[] {
  return result.diagnostics.map((diagnostic) => {
    const position = positionAt(result.tree, diagnostic.start);
    return `${position.line}:${position.column} ${diagnostic.message}`;
  });
}

/**
 * Headers and line nodes partition the text in order, sections meet end to end, line numbers
 * agree with the offsets, and every node lies inside the branch it claims. Violations are
 * collected first so that a large input costs one assertion, not one per line.
 */
export function expectWellFormed(tree: SpecFile): void {
  expect(wellFormednessViolations(tree)).toEqual([]);
}

export function wellFormednessViolations(tree: SpecFile): string[] {
  const violations: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok && violations.length < 20) violations.push(message);
  };
  let offset = 0;
  let previousSectionEnd = 0;
  for (const section of tree.sections) {
    check(section.start === previousSectionEnd, `section ${section.kind} starts at ${section.start}, not ${previousSectionEnd}`);
    const header = section.header;
    if (header !== null) {
      check(header.start === offset && header.end > header.start, `header at ${header.start} does not follow ${offset}`);
      check(positionAt(tree, header.start).line === header.line, `header at ${header.start} is not on line ${header.line}`);
      offset = header.end;
    }
    for (const line of section.lines) {
      check(line.start === offset && line.end > line.start, `${line.type} on line ${line.line} does not follow offset ${offset}`);
      const start = positionAt(tree, line.start);
      check(start.line === line.line && start.column === 1, `${line.type} at ${line.start} is not at ${line.line}:1`);
      check(positionAt(tree, line.end - 1).line === line.endLine, `${line.type} on line ${line.line} does not end on ${line.endLine}`);
      if (line.branch !== null) {
        check(line.start >= line.branch.start && line.end <= line.branch.end, `${line.type} on line ${line.line} is outside its branch`);
      }
      offset = line.end;
    }
    check(section.end === offset, `section ${section.kind} ends at ${section.end}, not ${offset}`);
    previousSectionEnd = section.end;
  }
  check(offset === tree.text.length, `the nodes end at ${offset}, the text at ${tree.text.length}`);
  return violations;
}
