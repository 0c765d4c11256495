/** Preamble tag lines (`Name: value`), recognised as rpm's preamble parser recognises them. */
import type { Span } from "../tree/nodes.js";
import { CaselessNames } from "./caseless-names.js";
import { isAlphaCode, isDigitCode, makeSpan, skipBlanks, skipSpace, trimEnd } from "./span.js";

/** Preamble tags that rpm also defines as macros of the same (lower-case) name: `%{version}`. */
export const MACRO_DEFINING_TAGS: ReadonlySet<string> = new Set([
  "name",
  "version",
  "release",
  "epoch",
  "summary",
  "license",
  "sourcelicense",
  "distribution",
  "disturl",
  "vendor",
  "group",
  "packager",
  "url",
  "vcs",
  "prefix",
  "buildsystem",
  "disttag",
  "bugurl",
  "translationurl",
  "upstreamreleases",
  "removepathpostfixes",
  "modularitylabel",
]);

/**
 * rpm's preamble tags (lower case) with their canonical names. `copyright` is rpm's old name of
 * `License`: rpm no longer accepts it, but it is still found in old specs, and a tag line says
 * more to a rule than a line of text.
 */
const TAG_NAMES = new CaselessNames<string>(
  [
    ...MACRO_DEFINING_TAGS,
    "source",
    "patch",
    "nosource",
    "nopatch",
    "excludearch",
    "exclusivearch",
    "excludeos",
    "exclusiveos",
    "icon",
    "provides",
    "requires",
    "recommends",
    "suggests",
    "supplements",
    "enhances",
    "prereq",
    "conflicts",
    "obsoletes",
    "buildroot",
    "buildarch",
    "buildconflicts",
    "buildoption",
    "buildprereq",
    "buildrequires",
    "autoreqprov",
    "autoreq",
    "autoprov",
    "docdir",
    "orderwithrequires",
    "copyright",
  ]
    .map((name): [string, string] => [name, name])
    .concat([
      ["buildarchitectures", "buildarch"],
      ["prefixes", "prefix"],
    ]),
);

/** Tags whose name may carry a number: `Source0`, `Patch 11`. */
const NUMBERED_TAGS: ReadonlySet<string> = new Set(["source", "patch"]);

export interface ParsedTag {
  tag: Span;
  name: string;
  number: number | null;
  qualifiers: Span | null;
  value: Span;
}

/**
 * The tag on the line `[lineStart, contentEnd)`, or null when the line is not a known tag
 * followed by an optional number, optional `(qualifiers)` and a colon. Leading white space is
 * allowed, as rpm allows it.
 */
export function parseTagLine(text: string, lineStart: number, contentEnd: number): ParsedTag | null {
  const nameStart = skipSpace(text, lineStart, contentEnd);
  let index = nameStart;
  while (index < contentEnd && isAlphaCode(text.charCodeAt(index))) index++;
  if (index === nameStart) return null;
  const name = TAG_NAMES.get(text, nameStart, index);
  if (name === undefined) return null;
  let tagEnd = index;
  let number: number | null = null;
  if (NUMBERED_TAGS.has(name)) {
    const digitsStart = skipBlanks(text, index, contentEnd);
    let digitsEnd = digitsStart;
    while (digitsEnd < contentEnd && isDigitCode(text.charCodeAt(digitsEnd))) digitsEnd++;
    if (digitsEnd > digitsStart) {
      number = Number.parseInt(text.slice(digitsStart, digitsEnd), 10);
      tagEnd = digitsEnd;
    }
  }
  index = skipBlanks(text, tagEnd, contentEnd);
  let qualifiers: Span | null = null;
  if (text.charCodeAt(index) === 0x28) {
    let close = index + 1;
    while (close < contentEnd && text.charCodeAt(close) !== 0x29) close++;
    if (close >= contentEnd) return null;
    const qualifierStart = skipSpace(text, index + 1, close);
    qualifiers = makeSpan(text, qualifierStart, trimEnd(text, qualifierStart, close));
    index = skipBlanks(text, close + 1, contentEnd);
  }
  if (text.charCodeAt(index) !== 0x3a || index >= contentEnd) return null;
  const valueStart = skipSpace(text, index + 1, contentEnd);
  return {
    tag: makeSpan(text, nameStart, tagEnd),
    name,
    number,
    qualifiers,
    value: makeSpan(text, valueStart, trimEnd(text, valueStart, contentEnd)),
  };
}
