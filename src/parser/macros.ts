/**
 * Finds macro references in spec text the way rpm's macro expander delimits them, without
 * expanding anything.
 *
 * Delimiting follows rpm (rpmio/macro.c): `%{…}`, `%(…)` and `%[…]` end at the matching closing
 * character, counting every bracket of the same kind (not only those opened by `%`) and skipping a
 * backslash-escaped character; the name of `%{…}` runs up to the first space, colon or closing
 * brace; a plain `%name` is optional `?`/`!` marks, an optional `-`, ASCII letters, digits and
 * underscores, then an optional `**`, `*` or `#`. The body of `%{lua:…}` is Lua code, so nothing
 * inside it is a macro use. `%dnl` discards the rest of its line.
 *
 * The scan is one pass with a stack of open constructs, so it is linear in the length of the text
 * even for deeply nested or unbalanced input, and it never throws: a construct that is not closed
 * ends at the end of the scanned range.
 */
import type { MacroUse, Span } from "../tree/nodes.js";
import { appended, asciiSet, indexOfCode, isDigitCode, isWordCode, makeSpan } from "./span.js";
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, COLON, DASH, EXCLAMATION, HASH, OPEN_BRACE, OPEN_BRACKET, OPEN_PAREN, PERCENT, QUESTION, SLASH, SPACE, STAR, TAB } from "./char-codes.js";

type BracketKind = 0 | 1 | 2;
const BRACE: BracketKind = 0;
const PAREN: BracketKind = 1;
const BRACKET: BracketKind = 2;

interface OpenConstruct {
  use: MacroUse;
  kind: BracketKind;
  /** Value of the kind's running bracket count just after the construct's opening bracket. */
  level: number;
  /**
   * Where the argument starts (after `:`/space of `%{…}`, after the opening bracket otherwise);
   * -1 while a `%{…}` has none. Its span is made when the construct closes.
   */
  argumentStart: number;
  /** For `%{…}`: where the name starts, and whether its end has been found yet. */
  nameStart: number;
  namePending: boolean;
  /** `%{lua:…}`: the body is Lua code, never scanned for macros. */
  opaque: boolean;
}

/**
 * Inside an open construct only these characters change anything: brackets, a backslash, `%`,
 * and the space or colon that may end a braced name. The scan skips the others in a tight loop.
 */
const SIGNIFICANT_INSIDE = asciiSet("{}()[]\\% :");

/** `resolveName` called where a construct closes, with no separator that could start an argument. */
const NO_SEPARATOR = -1;

function bracketKind(code: number): BracketKind | -1 {
  switch (code) {
    case OPEN_BRACE:
    case CLOSE_BRACE:
      return BRACE;
    case OPEN_PAREN:
    case CLOSE_PAREN:
      return PAREN;
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
      return BRACKET;
    default:
      return -1;
  }
}

const NO_USES: readonly MacroUse[] = Object.freeze([]);

const scratch = {
  stack: [] as OpenConstruct[],
  kindStacks: [[], [], []] as [OpenConstruct[], OpenConstruct[], OpenConstruct[]],
  counts: [0, 0, 0] as [number, number, number],
  /** `%{…}` constructs whose name has not ended yet. */
  pendingNames: [] as OpenConstruct[],
};

/** Empties a working array; setting `length` is a runtime call, popping a few entries is not. */
function clear(array: unknown[]): void {
  while (array.length > 0) array.pop();
}

/** Opens a construct of `kind` for `use` and pushes it on the stacks. */
function openConstruct(use: MacroUse, kind: BracketKind, argumentStart: number, nameStart: number): OpenConstruct {
  const level = (scratch.counts[kind] += 1);
  const construct: OpenConstruct = { use, kind, level, argumentStart, nameStart, namePending: kind === BRACE, opaque: false };
  scratch.stack.push(construct);
  scratch.kindStacks[kind].push(construct);
  return construct;
}

/**
 * Scanned ranges up to this long are searched by a loop over their characters: most are one line,
 * and slicing such a range out to search it with `indexOf` costs more.
 */
const SHORT_RANGE = 48;

/**
 * The first offset at or after `from` in the scanned range `[start, end)` that holds the one
 * character `search`, or -1. `region` is the range sliced out for `indexOf`, or null for a short
 * range.
 */
function findIn(text: string, region: string | null, start: number, end: number, from: number, search: string): number {
  if (region === null) return indexOfCode(text, search.charCodeAt(0), from, end);
  const found = region.indexOf(search, from - start);
  return found === -1 ? -1 : found + start;
}

/** The end of the line holding `from`, within the scanned range `[start, end)`. */
function lineEndIn(text: string, region: string | null, start: number, end: number, from: number): number {
  const newline = findIn(text, region, start, end, from, "\n");
  return newline === -1 ? end : newline;
}

/** Ends the innermost open construct: its name (if still pending) and argument end at `closeAt`. */
function closeTop(text: string, closeAt: number, endAt: number): void {
  const top = scratch.stack.pop();
  if (top === undefined) return;
  scratch.kindStacks[top.kind].pop();
  if (top.namePending) resolveName(text, top, closeAt, NO_SEPARATOR);
  top.use.end = endAt;
  if (top.argumentStart >= 0) top.use.argument = makeSpan(text, top.argumentStart, closeAt);
}

function resolveName(text: string, construct: OpenConstruct, at: number, separator: number): void {
  construct.namePending = false;
  construct.use.name = text.slice(construct.nameStart, at);
  if (separator === COLON || separator === SPACE) {
    construct.argumentStart = at + 1;
    if (construct.use.name === "lua") construct.opaque = true;
  }
}

/**
 * All macro uses in `text[start, end)`, flat and in source order (an enclosing use comes before
 * the uses nested in it). Offsets are absolute into `text`.
 */
export function scanMacroUses(text: string, start = 0, end = text.length): readonly MacroUse[] {
  // Searches run in the scanned range only: a search of the whole text from each line would make
  // scanning a spec line by line quadratic.
  const region = start === 0 && end === text.length ? text : end - start <= SHORT_RANGE ? null : text.slice(start, end);
  let percent = findIn(text, region, start, end, start, "%");
  if (percent === -1) return NO_USES;
  let uses: MacroUse[] | null = null;
  // The scan never calls out, so one set of working stacks serves every call (most calls scan one
  // short line, where allocating them each time would cost more than the scan). Each call closes
  // the constructs still open at the end of its range, so it leaves the stacks empty.
  const { stack, kindStacks, counts, pendingNames } = scratch;
  counts[BRACE] = counts[PAREN] = counts[BRACKET] = 0;
  // The end of the line last searched for: the scan only moves forward, and a long line full of
  // `%name args` would otherwise be searched to its end once per use.
  let lineEnd = -1;

  let i = percent;
  while (i < end) {
    if (stack.length === 0) {
      // Outside any construct only `%` matters: bracket counts start afresh with each construct.
      percent = findIn(text, region, start, end, i, "%");
      if (percent === -1) break;
      i = percent;
    } else {
      while (i < end && SIGNIFICANT_INSIDE[text.charCodeAt(i)] !== 1) i += 1;
      if (i === end) break;
      const code = text.charCodeAt(i);
      const top = stack[stack.length - 1]!;

      if (pendingNames.length > 0 && (code === SPACE || code === COLON || code === CLOSE_BRACE)) {
        for (const construct of pendingNames) resolveName(text, construct, i, code);
        clear(pendingNames);
      }

      if (code === BACKSLASH) {
        const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
        if (next === BACKSLASH || (next !== -1 && bracketKind(next) !== -1)) {
          if (next === CLOSE_BRACE && pendingNames.length > 0) {
            // The escape hides the brace from bracket matching, not from the end of a name.
            for (const construct of pendingNames) resolveName(text, construct, i + 1, next);
            clear(pendingNames);
          }
          i += 2;
          continue;
        }
        i += 1;
        continue;
      }

      const kind = bracketKind(code);
      if (kind !== -1) {
        if (code === OPEN_BRACE || code === OPEN_PAREN || code === OPEN_BRACKET) {
          counts[kind]! += 1;
        } else {
          counts[kind]! -= 1;
          const innermost = kindStacks[kind]!;
          const candidate = innermost[innermost.length - 1];
          if (candidate !== undefined && counts[kind] === candidate.level - 1) {
            // Constructs opened inside the closing one were never closed: they end here too.
            while (stack.length > 0 && stack[stack.length - 1] !== candidate) closeTop(text, i, i);
            closeTop(text, i, i + 1);
            while (pendingNames.length > 0 && !pendingNames[pendingNames.length - 1]!.namePending) {
              pendingNames.pop();
            }
          }
        }
        i += 1;
        continue;
      }

      if (code !== PERCENT || top.opaque) {
        i += 1;
        continue;
      }
    }
    // `i` is at a `%` that may start a use: outside any construct it is all the search stops at.
    if (i + 1 >= end) break;

    const next = text.charCodeAt(i + 1);
    if (next === PERCENT) {
      i += 2;
      continue;
    }
    if (next === OPEN_PAREN || next === OPEN_BRACKET) {
      const use: MacroUse = {
        start: i,
        end,
        form: next === OPEN_PAREN ? "shell" : "expression",
        name: "",
        conditional: false,
        negated: false,
        argument: null,
      };
      uses = appended(uses, use);
      openConstruct(use, next === OPEN_PAREN ? PAREN : BRACKET, i + 2, i + 2);
      i += 2;
      continue;
    }
    if (next === OPEN_BRACE) {
      let j = i + 2;
      let negated = false;
      let conditional = false;
      for (let mark = text.charCodeAt(j); j < end && (mark === QUESTION || mark === EXCLAMATION); mark = text.charCodeAt(++j)) {
        if (mark === EXCLAMATION) negated = !negated;
        else conditional = true;
      }
      const first = text.charCodeAt(j);
      if (j >= end || first === SPACE || first === COLON || first === CLOSE_BRACE) {
        // rpm copies a `%` followed by an empty name literally and goes on after it.
        i += 1;
        continue;
      }
      if (stack.length === 0) {
        // Outside any construct, a `%{name}` whose name runs straight to its brace (most uses) is
        // read at once: opening a construct for it would only find that brace.
        let nameEnd = j;
        while (nameEnd < end && SIGNIFICANT_INSIDE[text.charCodeAt(nameEnd)] !== 1) nameEnd += 1;
        if (nameEnd < end && text.charCodeAt(nameEnd) === CLOSE_BRACE) {
          const use: MacroUse = {
            start: i,
            end: nameEnd + 1,
            form: "braced",
            name: text.slice(j, nameEnd),
            conditional,
            negated,
            argument: null,
          };
          uses = appended(uses, use);
          i = nameEnd + 1;
          continue;
        }
      }
      const use: MacroUse = {
        start: i,
        end,
        form: "braced",
        name: "",
        conditional,
        negated,
        argument: null,
      };
      uses = appended(uses, use);
      pendingNames.push(openConstruct(use, BRACE, -1, j));
      i = j;
      continue;
    }

    let j = i + 1;
    let negated = false;
    let conditional = false;
    for (let mark = text.charCodeAt(j); j < end && (mark === QUESTION || mark === EXCLAMATION); mark = text.charCodeAt(++j)) {
      if (mark === EXCLAMATION) negated = !negated;
      else conditional = true;
    }
    const nameStart = j;
    if (j < end && text.charCodeAt(j) === DASH) j += 1;
    while (j < end && isWordCode(text.charCodeAt(j))) j += 1;
    if (j + 1 < end && text.charCodeAt(j) === STAR && text.charCodeAt(j + 1) === STAR) j += 2;
    else if (j < end && (text.charCodeAt(j) === STAR || text.charCodeAt(j) === HASH)) j += 1;
    if (j === nameStart) {
      i += 1;
      continue;
    }
    const name = text.slice(nameStart, j);
    let argument: Span | null = null;
    const after = text.charCodeAt(j);
    if (j < end && (after === SPACE || after === TAB)) {
      if (j + 1 > lineEnd) lineEnd = lineEndIn(text, region, start, end, j + 1);
      argument = makeSpan(text, j + 1, lineEnd);
    }
    if (name === "dnl") {
      // %dnl discards everything up to and including the end of its line, unexpanded.
      if (j > lineEnd) lineEnd = lineEndIn(text, region, start, end, j);
      const eol = lineEnd;
      const use: MacroUse = { start: i, end: j, form: "plain", name, conditional, negated, argument: makeSpan(text, j, eol) };
      uses = appended(uses, use);
      i = eol < end ? eol + 1 : end;
      continue;
    }
    const use: MacroUse = { start: i, end: j, form: "plain", name, conditional, negated, argument };
    uses = appended(uses, use);
    i = j;
  }

  while (stack.length > 0) closeTop(text, end, end);
  clear(pendingNames);
  return uses ?? NO_USES;
}

/**
 * Where the use of a macro by its bare name that starts `text` ends: `%{name}`, or `%name` when
 * a `/` follows (it ends the name and starts no argument); -1 for anything else (a `?` test, a
 * negation, an argument, `%dnl`). A name is ASCII letters, digits and underscores, not starting
 * with a digit. Reads the use alone and makes no objects: the expander asks it of most `%files`
 * paths.
 */
export function leadingNameUseEnd(text: string): number {
  if (text.charCodeAt(0) !== PERCENT) return -1;
  const braced = text.charCodeAt(1) === OPEN_BRACE;
  // `?` makes the use a test; an odd number of `!` negates it (`%{!!name}` is `%{name}`).
  let nameStart = braced ? 2 : 1;
  let negated = false;
  for (let mark = text.charCodeAt(nameStart); mark === EXCLAMATION || mark === QUESTION; mark = text.charCodeAt(++nameStart)) {
    if (mark === QUESTION) return -1;
    negated = !negated;
  }
  let nameEnd = nameStart;
  while (nameEnd < text.length && isWordCode(text.charCodeAt(nameEnd))) nameEnd += 1;
  const first = text.charCodeAt(nameStart);
  if (negated || nameEnd === nameStart || isDigitCode(first)) return -1;
  if (braced) return text.charCodeAt(nameEnd) === CLOSE_BRACE ? nameEnd + 1 : -1;
  // `%dnl` takes the rest of its line.
  return text.charCodeAt(nameEnd) === SLASH && !text.startsWith("dnl/", nameStart) ? nameEnd : -1;
}

/** The macro use that is the whole of `text` (`%{python3}`, `%pytest`), or null. */
export function wholeMacroUse(text: string): MacroUse | null {
  if (!text.startsWith("%")) return null;
  const first = scanMacroUses(text)[0];
  return first !== undefined && first.start === 0 && first.end === text.length ? first : null;
}

function lineEnd(text: string, from: number, end: number): number {
  const newline = text.indexOf("\n", from);
  return newline === -1 || newline > end ? end : newline;
}

/**
 * The arguments of a plain `%name args…` use as rpm collects them for a parametric macro: the
 * text after the name up to the end of its line, without leading blanks. Null when the name is
 * not followed by a blank (rpm then passes no arguments).
 */
export function plainMacroArguments(text: string, use: MacroUse): Span | null {
  if (use.form !== "plain") return null;
  const after = text[use.end];
  if (after !== " " && after !== "\t") return null;
  const eol = lineEnd(text, use.end, text.length);
  let from = use.end;
  while (from < eol && (text[from] === " " || text[from] === "\t")) from += 1;
  let to = eol;
  if (to > from && text[to - 1] === "\r") to -= 1;
  return makeSpan(text, from, to);
}

/** Splits macro arguments into words on blanks, as rpm does before calling a parametric macro. */
export function splitMacroArguments(argumentText: string): string[] {
  return argumentText.split(/[ \t]+/).filter((word) => word.length > 0);
}
