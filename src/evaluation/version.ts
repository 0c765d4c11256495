/**
 * rpm's version comparison: `rpmvercmp` for one version or release string, and the
 * `[epoch:]version[-release]` comparison that `v"…"` literals in expressions use.
 */
import { isAlphaCode, isDigitCode } from "../parser/span.js";

function isAlnum(code: number): boolean {
  return isDigitCode(code) || isAlphaCode(code);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares two version (or release) strings segment by segment as rpm does: runs of digits
 * compare numerically and beat runs of letters, `~` sorts before anything (even the end), `^`
 * sorts after the end but before anything else, other characters only separate segments.
 * Returns -1, 0 or 1.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a.charCodeAt(i)) && a[i] !== "~" && a[i] !== "^") i += 1;
    while (j < b.length && !isAlnum(b.charCodeAt(j)) && b[j] !== "~" && b[j] !== "^") j += 1;

    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (i >= a.length || j >= b.length) break;

    const numeric = isDigitCode(a.charCodeAt(i));
    const inSegment = numeric ? isDigitCode : isAlphaCode;
    let iEnd = i;
    let jEnd = j;
    while (iEnd < a.length && inSegment(a.charCodeAt(iEnd))) iEnd += 1;
    while (jEnd < b.length && inSegment(b.charCodeAt(jEnd))) jEnd += 1;
    if (jEnd === j) return numeric ? 1 : -1;

    let left = a.slice(i, iEnd);
    let right = b.slice(j, jEnd);
    if (numeric) {
      left = left.replace(/^0+/, "");
      right = right.replace(/^0+/, "");
      if (left.length !== right.length) return left.length > right.length ? 1 : -1;
    }
    const result = compareStrings(left, right);
    if (result !== 0) return result;
    i = iEnd;
    j = jEnd;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

export interface Evr {
  /** Null when the text has no `epoch:`; compared as `0`. */
  epoch: string | null;
  version: string;
  /** Null when the text has no `-release`; a missing release sorts before any release. */
  release: string | null;
}

/** Splits `[epoch:]version[-release]` the way rpm does (the release is after the last `-`). */
export function parseEvr(text: string): Evr {
  let digits = 0;
  while (digits < text.length && isDigitCode(text.charCodeAt(digits))) digits += 1;
  let epoch: string | null = null;
  let rest = text;
  if (text[digits] === ":") {
    epoch = digits === 0 ? "0" : text.slice(0, digits);
    rest = text.slice(digits + 1);
  }
  const dash = rest.lastIndexOf("-");
  if (dash === -1) return { epoch, version: rest, release: null };
  return { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

function compareOptional(a: string | null, b: string | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return rpmvercmp(a, b);
}

/** Compares two `[epoch:]version[-release]` strings as rpm's `v"…"` expression literals do. */
export function compareEvr(a: string, b: string): number {
  const left = parseEvr(a);
  const right = parseEvr(b);
  return (
    compareOptional(left.epoch ?? "0", right.epoch ?? "0") ||
    compareOptional(left.version, right.version) ||
    compareOptional(left.release, right.release)
  );
}
