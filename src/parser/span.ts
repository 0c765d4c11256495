import type { Span } from "../tree/nodes.js";

/** Made by a constructor, as the line nodes are: see `line-nodes.ts` for why. */
class TextSpan implements Span {
  constructor(
    public start: number,
    public end: number,
    public text: string,
  ) {}
}

export function makeSpan(text: string, start: number, end: number): Span {
  return new TextSpan(start, end, text.slice(start, end));
}

/**
 * `list` with `item` added, the list made with its first item: most lists the scanners build hold
 * one or two items, and a first push onto an empty array reserves room for seventeen.
 */
export function appended<Item>(list: Item[] | null, item: Item): Item[] {
  if (list === null) return [item];
  list.push(item);
  return list;
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

/** A table of the ASCII characters in `chars`, indexed by character code: 1 for those, 0 or undefined otherwise. */
export function asciiSet(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let index = 0; index < chars.length; index++) table[chars.charCodeAt(index)] = 1;
  return table;
}

/** A letter, a digit or `_`. */
export function isWordCode(code: number): boolean {
  return isAlphaCode(code) || isDigitCode(code) || code === 0x5f;
}

export function isAlphaCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

export function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
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

/**
 * End of the `%{…}`, `%(…)` or `%[…]` group whose `%` is at `start`, counting nested brackets of
 * the same kind and skipping backslash-escaped characters, as rpm's expander does; `end` when it
 * does not close before `end`.
 */
export function macroGroupEnd(text: string, start: number, end: number): number {
  const open = text.charCodeAt(start + 1);
  const close = open === 0x7b ? 0x7d : open === 0x28 ? 0x29 : 0x5d;
  let depth = 0;
  for (let index = start + 1; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) index++;
    else if (code === open) depth++;
    else if (code === close && --depth === 0) return index + 1;
  }
  return end;
}

/** Whether a macro group (`%{`, `%(`, `%[`) opens at `index`. */
export function opensMacroGroup(text: string, index: number): boolean {
  if (text.charCodeAt(index) !== 0x25) return false;
  const next = text.charCodeAt(index + 1);
  return next === 0x7b || next === 0x28 || next === 0x5b;
}

/**
 * Offset after the unit that starts at `index`: a whole macro group, a `%%` escape, or one
 * character. Never past `end`.
 */
export function skipMacroUnit(text: string, index: number, end: number): number {
  if (opensMacroGroup(text, index)) return macroGroupEnd(text, index, end);
  const next = text.charCodeAt(index) === 0x25 && text.charCodeAt(index + 1) === 0x25 ? index + 2 : index + 1;
  return Math.min(next, end);
}

/** End of the word at `start`: white space ends it, except inside macro groups. */
export function macroWordEnd(text: string, start: number, end: number): number {
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) break;
    index = skipMacroUnit(text, index, end);
  }
  return index;
}
