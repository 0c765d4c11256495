import type { Span, SpecFile, TagLine } from "../tree/nodes.js";
import type { TextEdit } from "./types.js";

/**
 * Helpers for rules that build fixes. Fixed output must keep the file's line endings and tag
 * alignment, so inserted lines are built here rather than by hand.
 */

export type Newline = "\n" | "\r\n";

/** The newline that ends the line containing `offset`, else the file's first newline, else LF. */
export function newlineAt(tree: SpecFile, offset: number): Newline {
  const text = tree.text;
  const lineBreak = text.indexOf("\n", offset);
  const found = lineBreak === -1 ? text.indexOf("\n") : lineBreak;
  return found > 0 && text[found - 1] === "\r" ? "\r\n" : "\n";
}

/** Inserts a whole line after the line node `after` (whose `end` includes its newline, if any). */
export function insertLineAfter(tree: SpecFile, after: { start: number; end: number }, content: string): TextEdit {
  const newline = newlineAt(tree, after.start);
  const endsWithNewline = after.end > 0 && tree.text[after.end - 1] === "\n";
  return endsWithNewline
    ? { start: after.end, end: after.end, text: content + newline }
    : { start: after.end, end: after.end, text: newline + content };
}

/** Inserts a whole line before the line starting at `before.start`. */
export function insertLineBefore(tree: SpecFile, before: { start: number }, content: string): TextEdit {
  return { start: before.start, end: before.start, text: content + newlineAt(tree, before.start) };
}

/** Replaces a span of the text. */
export function replaceSpan(span: { start: number; end: number }, text: string): TextEdit {
  return { start: span.start, end: span.end, text };
}

/** Removes a whole line node, newline included. */
export function deleteLine(line: { start: number; end: number }): TextEdit {
  return { start: line.start, end: line.end, text: "" };
}

const TAB_WIDTH = 8;

function visualWidth(text: string, startColumn = 0): number {
  let column = startColumn;
  for (const character of text) column = character === "\t" ? (Math.floor(column / TAB_WIDTH) + 1) * TAB_WIDTH : column + 1;
  return column;
}

function lineStartOf(tree: SpecFile, offset: number): number {
  return tree.text.lastIndexOf("\n", offset - 1) + 1;
}

/** The separator between `Tag:` and the value of `reference`, e.g. `"  "` or `"\t"`. */
function separatorOf(tree: SpecFile, reference: TagLine): Span {
  const afterName = reference.qualifiers === null ? reference.tag.end : reference.qualifiers.end + 1;
  const colon = tree.text.indexOf(":", afterName);
  const start = colon + 1;
  return { start, end: reference.value.start, text: tree.text.slice(start, reference.value.start) };
}

/**
 * The text of a tag line (without newline) laid out like `reference`: the value starts at the
 * same visual column, padded with tabs if the reference uses tabs, with spaces otherwise; at
 * least one blank separates the colon from the value.
 */
export function tagLineLike(tree: SpecFile, reference: TagLine, tag: string, value: string): string {
  const lineStart = lineStartOf(tree, reference.start);
  const indent = tree.text.slice(lineStart, reference.tag.start);
  const separator = separatorOf(tree, reference);
  const valueColumn = visualWidth(tree.text.slice(lineStart, reference.value.start));
  const head = `${indent}${tag}:`;
  let padding = "";
  if (separator.text.includes("\t")) {
    let column = visualWidth(head);
    while (column < valueColumn) {
      padding += "\t";
      column = visualWidth("\t", column);
    }
  } else {
    padding = " ".repeat(Math.max(0, valueColumn - visualWidth(head)));
  }
  if (padding === "") padding = separator.text.includes("\t") ? "\t" : " ";
  return `${head}${padding}${value}`;
}
