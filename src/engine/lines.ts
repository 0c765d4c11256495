import type { CommentLine, LineNode, Section, SectionHeader, SpecFile } from "../tree/nodes.js";

/** One physical-line-level node of the file: a section header or a line of a section. */
export interface LineEntry {
  node: LineNode | SectionHeader;
  section: Section;
}

/** Every section header and line of the file, in file order. */
export function lineEntries(tree: SpecFile): LineEntry[] {
  const entries: LineEntry[] = [];
  for (const section of tree.sections) {
    if (section.header !== null) entries.push({ node: section.header, section });
    for (const line of section.lines) entries.push({ node: line, section });
  }
  return entries;
}

/**
 * For each comment line, the first later entry that is not a comment: the line that a directive
 * or expectation written in that comment applies to (null at the end of the file).
 */
export function commentTargets(entries: readonly LineEntry[]): Map<CommentLine, LineEntry | null> {
  const targets = new Map<CommentLine, LineEntry | null>();
  let pending: CommentLine[] = [];
  for (const entry of entries) {
    if (entry.node.type === "CommentLine") {
      pending.push(entry.node);
      continue;
    }
    for (const comment of pending) targets.set(comment, entry);
    pending = [];
  }
  for (const comment of pending) targets.set(comment, null);
  return targets;
}
