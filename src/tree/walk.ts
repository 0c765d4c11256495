import type { LineNode, Section, SpecFile } from "./nodes.js";

/** Calls `visit` for every line node in file order, with the section it belongs to. */
export function forEachLine(tree: SpecFile, visit: (line: LineNode, section: Section) => void): void {
  for (const section of tree.sections) {
    for (const line of section.lines) visit(line, section);
  }
}
