/** `%changelog` entry header lines: `* Mon Jan 01 2024 Name <email> - 1.0-1`. */
import type { Span } from "../tree/nodes.js";
import { isSpaceCode } from "./arguments.js";
import { indexOfCode, isDigitCode, makeSpan, skipSpace, trimEnd } from "./span.js";

export interface ParsedChangelogHeader {
  date: Span | null;
  author: Span | null;
  email: Span | null;
  evr: Span | null;
}

/**
 * The date: weekday, month, day and year (`Mon Jan 01 2024`), or rpm's extended form with a time
 * and a zone before the year (`Tue Mar  2 11:16:25 GMT 2021`), chosen as rpm chooses: by a colon
 * in the fourth word's second or third character. Returns where the date ends.
 */
function dateEnd(text: string, start: number, end: number): number | null {
  let position = start;
  let wordCount = 4;
  for (let count = 0; count < wordCount; count++) {
    const wordStart = skipSpace(text, position, end);
    if (wordStart >= end) return null;
    if (count === 3 && (text.charCodeAt(wordStart + 1) === 0x3a || text.charCodeAt(wordStart + 2) === 0x3a)) wordCount = 6;
    position = wordStart;
    while (position < end && !isSpaceCode(text.charCodeAt(position))) position++;
  }
  return position;
}

/** The trimmed text of `[start, end)`, or null when it is empty. */
function spanOrNull(text: string, start: number, end: number): Span | null {
  const from = skipSpace(text, start, end);
  const to = trimEnd(text, from, end);
  return to > from ? makeSpan(text, from, to) : null;
}

/** The last ` - ` in `[start, end)`, or -1. */
function lastSeparator(text: string, start: number, end: number): number {
  for (let index = end - 3; index >= start; index--) {
    if (text.charCodeAt(index + 1) === 0x2d && text.charCodeAt(index) === 0x20 && text.charCodeAt(index + 2) === 0x20) {
      return index;
    }
  }
  return -1;
}

/** Parses the header line `[lineStart, contentEnd)`, which starts with `*`. */
export function parseChangelogHeader(text: string, lineStart: number, contentEnd: number): ParsedChangelogHeader {
  const dateStart = skipSpace(text, lineStart + 1, contentEnd);
  const parsedDateEnd = dateEnd(text, dateStart, contentEnd);
  const date = parsedDateEnd === null ? null : makeSpan(text, dateStart, parsedDateEnd);
  const restStart = parsedDateEnd ?? dateStart;
  const restEnd = trimEnd(text, restStart, contentEnd);

  const emailOpen = indexOfCode(text, 0x3c, restStart, restEnd);
  if (emailOpen !== -1) {
    let emailClose = emailOpen + 1;
    while (emailClose < restEnd && text.charCodeAt(emailClose) !== 0x3e) emailClose++;
    const author = spanOrNull(text, restStart, emailOpen);
    const email = makeSpan(text, emailOpen + 1, emailClose);
    let evrStart = skipSpace(text, Math.min(emailClose + 1, restEnd), restEnd);
    if (text.charCodeAt(evrStart) === 0x2d && evrStart < restEnd) evrStart++;
    return { date, author, email, evr: spanOrNull(text, evrStart, restEnd) };
  }

  // No email: `Name - 1.0-1`, or `Name 1.0-1` when the last word starts with a digit.
  const separator = lastSeparator(text, restStart, restEnd);
  if (separator !== -1) {
    return { date, author: spanOrNull(text, restStart, separator), email: null, evr: spanOrNull(text, separator + 3, restEnd) };
  }
  let lastWordStart = restEnd;
  while (lastWordStart > restStart && !isSpaceCode(text.charCodeAt(lastWordStart - 1))) lastWordStart--;
  const firstCode = text.charCodeAt(lastWordStart);
  if (lastWordStart > restStart && isDigitCode(firstCode)) {
    return { date, author: spanOrNull(text, restStart, lastWordStart), email: null, evr: spanOrNull(text, lastWordStart, restEnd) };
  }
  return { date, author: spanOrNull(text, restStart, restEnd), email: null, evr: null };
}
