import type { Span } from "../tree/nodes.js";

export function makeSpan(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

/** Offset of the first character at or after `start` that is not a space or tab. */
export function skipBlanks(text: string, start: number, end: number): number {
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09) break;
    index++;
  }
  return index;
}

/** Offset just after the last character before `end` (and not before `start`) that is not white space. */
export function trimEnd(text: string, start: number, end: number): number {
  let index = end;
  while (index > start) {
    const code = text.charCodeAt(index - 1);
    if (code !== 0x20 && (code < 0x09 || code > 0x0d)) break;
    index--;
  }
  return index;
}

/** Offset of the first character at or after `start` that is not C white space. */
export function skipSpace(text: string, start: number, end: number): number {
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && (code < 0x09 || code > 0x0d)) break;
    index++;
  }
  return index;
}

export function isWordCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f
  );
}

export function isAlphaCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** End of the run of word characters (letters, digits, `_`) starting at `start`. */
export function wordEnd(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && isWordCode(text.charCodeAt(index))) index++;
  return index;
}

/** First offset in `[start, end)` holding `code`, or -1: a search that never looks past `end`. */
export function indexOfCode(text: string, code: number, start: number, end: number): number {
  for (let index = start; index < end; index++) {
    if (text.charCodeAt(index) === code) return index;
  }
  return -1;
}
