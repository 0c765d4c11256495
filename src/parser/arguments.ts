/**
 * Splitting a section header's arguments the way popt's poptParseArgvString does: words separated
 * by white space, `"…"` and `'…'` quoting, backslash escapes. Each word keeps its place in the
 * text so options can be reported exactly.
 *
 * rpm expands the header before splitting it, so what a `%{…}`, `%(…)` or `%[…]` group expands to
 * is unknown here: the group as written stays inside one word, whatever blanks or quotes it holds.
 */
import { skipMacroUnit } from "./span.js";

export interface ArgumentWord {
  /** Offsets of the word as written, quotes included. */
  start: number;
  end: number;
  /** Offsets of the value: inside the quotes when the whole word is one quoted string. */
  valueStart: number;
  valueEnd: number;
}

export interface ArgumentSplit {
  words: ArgumentWord[];
  /** Offset of a quote that is never closed, or -1. */
  unterminatedQuote: number;
}

export function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** C `isspace`: blank, newline, vertical tab, form feed, carriage return. */
export function isSpaceCode(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

export function splitArguments(text: string, start: number, end: number): ArgumentSplit {
  const words: ArgumentWord[] = [];
  let index = start;
  let unterminatedQuote = -1;
  while (index < end) {
    while (index < end && isSpaceCode(text.charCodeAt(index))) index++;
    if (index >= end) break;
    const wordStart = index;
    let quote = 0;
    let quoteStart = -1;
    let quotedParts = 0;
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === 0x25) {
        index = skipMacroUnit(text, index, end);
        continue;
      }
      if (quote !== 0) {
        if (code === quote) quote = 0;
        else if (code === 0x5c) index++;
      } else if (isSpaceCode(code)) {
        break;
      } else if (code === 0x22 || code === 0x27) {
        quote = code;
        quoteStart = index;
        quotedParts++;
      } else if (code === 0x5c) {
        index++;
      }
      index++;
    }
    index = Math.min(index, end);
    if (quote !== 0 && unterminatedQuote === -1) unterminatedQuote = quoteStart;
    const first = text.charCodeAt(wordStart);
    const wholeQuoted =
      quote === 0 &&
      quotedParts === 1 &&
      (first === 0x22 || first === 0x27) &&
      index - wordStart >= 2 &&
      text.charCodeAt(index - 1) === first;
    words.push({
      start: wordStart,
      end: index,
      valueStart: wholeQuoted ? wordStart + 1 : wordStart,
      valueEnd: wholeQuoted ? index - 1 : index,
    });
  }
  return { words, unterminatedQuote };
}
