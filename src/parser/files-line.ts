/** Lines of a `%files` section: file attribute directives and path words. */
import type { FilesDirective, Span, SyntaxDiagnostic } from "../tree/nodes.js";
import { isSpaceCode } from "./arguments.js";
import { isWordCode, macroGroupEnd, makeSpan, opensMacroGroup, skipBlanks, skipSpace, trimEnd, wordEnd } from "./span.js";

/** Directives that stand alone (rpm's virtual file attributes). */
const SIMPLE_DIRECTIVES: ReadonlySet<string> = new Set([
  "dir",
  "docdir",
  "doc",
  "ghost",
  "exclude",
  "readme",
  "license",
  "pubkey",
  "missingok",
  "artifact",
]);

/** Directives followed by a parenthesised argument: required for some, optional for others. */
const ARGUMENT_DIRECTIVES: ReadonlyMap<string, boolean> = new Map([
  ["attr", true],
  ["defattr", true],
  ["verify", true],
  ["defverify", true],
  ["lang", true],
  ["dev", true],
  ["caps", false],
  ["config", false],
]);

export interface ParsedFilesLine {
  directives: FilesDirective[];
  paths: Span[];
}

/** End of the path word starting at `start`: white space ends it, except inside quotes or macro groups. */
function pathWordEnd(text: string, start: number, end: number): number {
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (isSpaceCode(code)) break;
    if (code === 0x22) {
      index++;
      while (index < end && text.charCodeAt(index) !== 0x22) index++;
      index++;
    } else if (code === 0x5c) {
      index += 2;
    } else if (opensMacroGroup(text, index)) {
      index = macroGroupEnd(text, index, end);
    } else {
      index++;
    }
  }
  return Math.min(index, end);
}

export function parseFilesLine(
  text: string,
  lineStart: number,
  contentEnd: number,
  diagnostics: SyntaxDiagnostic[],
): ParsedFilesLine {
  const directives: FilesDirective[] = [];
  const paths: Span[] = [];
  let index = skipSpace(text, lineStart, contentEnd);
  while (index < contentEnd) {
    if (text.charCodeAt(index) === 0x25 && isWordCode(text.charCodeAt(index + 1))) {
      const nameEnd = wordEnd(text, index + 1, contentEnd);
      const name = text.slice(index + 1, nameEnd);
      if (SIMPLE_DIRECTIVES.has(name)) {
        directives.push({ name, span: makeSpan(text, index, nameEnd), argument: null });
        index = skipSpace(text, nameEnd, contentEnd);
        continue;
      }
      const argumentRequired = ARGUMENT_DIRECTIVES.get(name);
      if (argumentRequired !== undefined) {
        index = parseArgumentDirective(text, index, nameEnd, contentEnd, name, argumentRequired, directives, diagnostics);
        index = skipSpace(text, index, contentEnd);
        continue;
      }
    }
    const end = pathWordEnd(text, index, contentEnd);
    const quoted = end - index >= 2 && text.charCodeAt(index) === 0x22 && text.charCodeAt(end - 1) === 0x22;
    paths.push(quoted ? makeSpan(text, index + 1, end - 1) : makeSpan(text, index, end));
    index = skipSpace(text, end, contentEnd);
  }
  return { directives, paths };
}

function parseArgumentDirective(
  text: string,
  start: number,
  nameEnd: number,
  contentEnd: number,
  name: string,
  argumentRequired: boolean,
  directives: FilesDirective[],
  diagnostics: SyntaxDiagnostic[],
): number {
  const open = skipBlanks(text, nameEnd, contentEnd);
  if (text.charCodeAt(open) !== 0x28 || open >= contentEnd) {
    if (argumentRequired) {
      diagnostics.push({ message: `%${name} needs its arguments in parentheses`, start, end: nameEnd });
    }
    directives.push({ name, span: makeSpan(text, start, nameEnd), argument: null });
    return nameEnd;
  }
  let close = open + 1;
  while (close < contentEnd && text.charCodeAt(close) !== 0x29) close++;
  if (close >= contentEnd) {
    diagnostics.push({ message: `%${name}( is missing its closing parenthesis`, start, end: contentEnd });
  }
  const argumentStart = skipSpace(text, open + 1, close);
  directives.push({
    name,
    span: makeSpan(text, start, Math.min(close + 1, contentEnd)),
    argument: makeSpan(text, argumentStart, trimEnd(text, argumentStart, close)),
  });
  return Math.min(close + 1, contentEnd);
}
