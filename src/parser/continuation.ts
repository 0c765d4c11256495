/**
 * Which physical lines rpm reads as one logical line.
 *
 * Before expanding a line rpm keeps reading while a `%{`, `%(` or `%[` opened on it is not yet
 * closed; inside such a construct plain `{`/`(`/`[` also count, `%%` is an escape and a
 * backslash escapes the next character. The three kinds are counted independently. A line
 * ending in backslash-newline is also joined with the next one (only directives such as `%if`
 * and `%define` keep the joined lines together after expansion, so that part is left to the
 * parser).
 *
 * This is one linear scan with a stack per kind. An opening that never closes would make rpm
 * read to the end of the file and fail; here it is reported and ignored, and so are the plain
 * brackets that only counted because it was open, so every later line is read as if the
 * unclosed opening had not been there.
 */

import { asciiSet } from "./span.js";
import { BACKSLASH, CLOSE_BRACE, CLOSE_PAREN, NEWLINE, OPEN_BRACE, OPEN_BRACKET, OPEN_PAREN, PERCENT } from "./char-codes.js";

export type MacroOpener = "%{" | "%(" | "%[";

export interface UnclosedOpening {
  start: number;
  opener: MacroOpener;
}

/**
 * The per-line flags are empty arrays when no line has the flag (most specs): an index past the
 * end reads as undefined, never 1. They are views of room that the next scan reuses: read them
 * before scanning another text.
 */
export interface LineContinuations {
  /** `joinsNext[i]` is 1 when a construct open at the end of physical line i closes on a later line. */
  joinsNext: Uint8Array;
  /** `backslashNewline[i]` is 1 when physical line i ends in an unescaped backslash right before `\n`. */
  backslashNewline: Uint8Array;
  /** Macro openings that never close, in file order. */
  unclosed: UnclosedOpening[];
}

const OPENERS = [OPEN_BRACE, OPEN_PAREN, OPEN_BRACKET];
const OPENER_TEXT: readonly MacroOpener[] = ["%{", "%(", "%["];

/** Openings a record holds room for at first, and the most it keeps room for between scans. */
const INITIAL_CAPACITY = 64;
const KEPT_CAPACITY = 4096;

/**
 * Growable record of the openings seen, indexed by opening id. One record serves every scan, as
 * scans never overlap: four typed arrays per spec cost more than the whole scan of a small spec.
 */
class Openings {
  count = 0;
  line = new Int32Array(INITIAL_CAPACITY);
  start = new Int32Array(INITIAL_CAPACITY);
  /** The nearest macro opening at or below this one in its stack: it decides whether this one counts. */
  anchor = new Int32Array(INITIAL_CAPACITY);
  /** Bit 1: a macro opening (`%{`, `%(`, `%[`); bit 2: closed. */
  flags = new Uint8Array(INITIAL_CAPACITY);

  /** Empties the record for the next scan; room grown for a hostile spec is not kept for the rest of the run. */
  clear(): void {
    this.count = 0;
    if (this.line.length > KEPT_CAPACITY) this.resize(INITIAL_CAPACITY);
  }

  add(line: number, start: number, isMacro: boolean, anchor: number): number {
    const id = this.count++;
    if (id === this.line.length) this.grow();
    this.line[id] = line;
    this.start[id] = start;
    this.anchor[id] = isMacro ? id : anchor;
    this.flags[id] = isMacro ? MACRO : 0;
    return id;
  }

  isMacro(id: number): boolean {
    return ((this.flags[id] as number) & MACRO) !== 0;
  }

  isClosed(id: number): boolean {
    return ((this.flags[id] as number) & CLOSED) !== 0;
  }

  close(id: number): void {
    this.flags[id] = (this.flags[id] as number) | CLOSED;
  }

  private grow(): void {
    this.resize(this.line.length * 2);
  }

  /** New arrays of `size`, keeping the first `count` openings. */
  private resize(size: number): void {
    const line = new Int32Array(size);
    line.set(this.line.subarray(0, this.count));
    this.line = line;
    const start = new Int32Array(size);
    start.set(this.start.subarray(0, this.count));
    this.start = start;
    const anchor = new Int32Array(size);
    anchor.set(this.anchor.subarray(0, this.count));
    this.anchor = anchor;
    const flags = new Uint8Array(size);
    flags.set(this.flags.subarray(0, this.count));
    this.flags = flags;
  }
}

const MACRO = 1;
const CLOSED = 2;

/** Lines of flags a room holds at first, and the most it keeps between scans. */
const INITIAL_LINES = 1024;
const KEPT_LINES = 65536;

/**
 * Room for per-line values, handed out as views: a new typed array per spec for a few hundred
 * lines costs more (its memory is allocated and freed outside the heap) than filling a view.
 */
class LineRoom<T extends Uint8Array | Int32Array> {
  private room: T;

  constructor(private readonly create: (size: number) => T) {
    this.room = create(INITIAL_LINES);
  }

  /** `lineCount` values, all `fill`; valid until the room is taken again. */
  take(lineCount: number, fill: number): T {
    if (lineCount > this.room.length || (this.room.length > KEPT_LINES && lineCount <= KEPT_LINES)) {
      this.room = this.create(Math.max(lineCount, INITIAL_LINES));
    }
    const view = this.room.subarray(0, lineCount) as T;
    view.fill(fill);
    return view;
  }
}

const backslashRoom = new LineRoom((size) => new Uint8Array(size));
const joinRoom = new LineRoom((size) => new Uint8Array(size));
const reachRoom = new LineRoom((size) => new Int32Array(size));

/** Characters that end the fast reading of a `%{…}` (see `plainBracedEnd`). */
const ENDS_PLAIN_BRACED = asciiSet("\\%{}()[]\n");

/**
 * After a `%{` whose body (from `start`) holds no character that counts and closes on the same
 * line (`%{name}`, `%{?name}`: most openings), the offset after its `}`; -1 otherwise. Such an
 * opening changes no count and joins no lines, so the scan steps over it.
 */
function plainBracedEnd(text: string, start: number, length: number): number {
  let index = start;
  while (index < length && ENDS_PLAIN_BRACED[text.charCodeAt(index)] !== 1) index++;
  return text.charCodeAt(index) === CLOSE_BRACE ? index + 1 : -1;
}

/** The kind of bracket `code` opens after a `%` (0 for `{`, 1 for `(`, 2 for `[`), or -1. */
function openerKind(code: number): number {
  switch (code) {
    case OPEN_BRACE:
      return 0;
    case OPEN_PAREN:
      return 1;
    case OPEN_BRACKET:
      return 2;
    default:
      return -1;
  }
}

/** 0 for braces, 1 for parentheses, 2 for square brackets. */
function bracketKind(code: number): number {
  if (code === OPEN_BRACE || code === CLOSE_BRACE) return 0;
  return code === OPEN_PAREN || code === CLOSE_PAREN ? 1 : 2;
}

// While a construct is open the scan must look at brackets too; otherwise only at `\` and `%`.
const ACTIVE_PATTERN = /[\\%{}()[\]]/g;

const openings = new Openings();
const stacks: number[][] = [[], [], []];
const NO_LINE_FLAGS = new Uint8Array(0);

export function scanLineContinuations(text: string, lineStarts: readonly number[], lineCount: number): LineContinuations {
  let backslashNewline = NO_LINE_FLAGS;
  openings.clear();
  for (const stack of stacks) stack.length = 0;
  let openCount = 0;
  // Pairs that span lines: opening id and the line of its closing character.
  const spanningOpenings: number[] = [];
  const spanningCloseLines: number[] = [];

  const length = text.length;
  let line = 0;
  let nextLineStart = lineStarts.length > 1 ? (lineStarts[1] as number) : Infinity;
  // With nothing open only `%` and `\` matter: a search for each, kept until the scan passes it,
  // is faster than one pattern. `length` stands for "no more of them".
  let nextPercent = -1;
  let nextBackslash = -1;
  let index = 0;
  while (index < length) {
    if (openCount === 0) {
      if (nextPercent < index) {
        const found = text.indexOf("%", index);
        nextPercent = found === -1 ? length : found;
      }
      if (nextBackslash < index) {
        const found = text.indexOf("\\", index);
        nextBackslash = found === -1 ? length : found;
      }
      index = nextPercent < nextBackslash ? nextPercent : nextBackslash;
      if (index >= length) break;
    } else {
      // The pattern matches one character, so `test` finds it without building a match array.
      ACTIVE_PATTERN.lastIndex = index;
      if (!ACTIVE_PATTERN.test(text)) break;
      index = ACTIVE_PATTERN.lastIndex - 1;
    }
    while (index >= nextLineStart) {
      line++;
      nextLineStart = line + 1 < lineStarts.length ? (lineStarts[line + 1] as number) : Infinity;
    }
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(index + 1);
      if (next === NEWLINE) {
        if (line < lineCount) {
          if (backslashNewline === NO_LINE_FLAGS) backslashNewline = backslashRoom.take(lineCount, 0);
          backslashNewline[line] = 1;
        }
        index++;
      } else {
        index += 2;
      }
      continue;
    }
    if (code === PERCENT) {
      const next = text.charCodeAt(index + 1);
      const kind = openerKind(next);
      if (kind === 0) {
        const close = plainBracedEnd(text, index + 2, length);
        if (close !== -1) {
          index = close;
          continue;
        }
      }
      if (kind !== -1) {
        (stacks[kind] as number[]).push(openings.add(line, index, true, -1));
        openCount++;
      }
      index += next === PERCENT || kind !== -1 ? 2 : 1;
      continue;
    }
    index++;
    const kind = bracketKind(code);
    const stack = stacks[kind] as number[];
    if (stack.length === 0) continue;
    if (code === OPENERS[kind]) {
      const below = stack[stack.length - 1] as number;
      stack.push(openings.add(line, index - 1, false, openings.anchor[below] as number));
      openCount++;
    } else {
      const opening = stack.pop() as number;
      openCount--;
      openings.close(opening);
      if ((openings.line[opening] as number) < line) {
        spanningOpenings.push(opening);
        spanningCloseLines.push(line);
      }
    }
  }

  return {
    joinsNext: joinedLines(spanningOpenings, spanningCloseLines, lineCount),
    backslashNewline,
    unclosed: unclosedOpenings(),
  };
}

/** Which lines join the next: while the constructs of some earlier line reach past it. */
function joinedLines(spanningOpenings: readonly number[], spanningCloseLines: readonly number[], lineCount: number): Uint8Array {
  if (spanningOpenings.length === 0) return NO_LINE_FLAGS;
  const reach = reachRoom.take(lineCount, -1);
  for (let pair = 0; pair < spanningOpenings.length; pair++) {
    const opening = spanningOpenings[pair] as number;
    if (!openings.isClosed(openings.anchor[opening] as number)) continue;
    const openLine = openings.line[opening] as number;
    const closeLine = spanningCloseLines[pair] as number;
    if (openLine < lineCount && closeLine > (reach[openLine] as number)) reach[openLine] = closeLine;
  }
  const joinsNext = joinRoom.take(lineCount, 0);
  let furthest = -1;
  for (let index = 0; index < lineCount; index++) {
    const reached = reach[index] as number;
    if (reached > furthest) furthest = reached;
    if (furthest > index) joinsNext[index] = 1;
  }
  return joinsNext;
}

/** The macro openings left on the stacks at the end of the scan, in file order. */
function unclosedOpenings(): UnclosedOpening[] {
  const unclosed: UnclosedOpening[] = [];
  for (let kind = 0; kind < 3; kind++) {
    for (const opening of stacks[kind] as number[]) {
      if (openings.isMacro(opening)) {
        unclosed.push({ start: openings.start[opening] as number, opener: OPENER_TEXT[kind] as MacroOpener });
      }
    }
  }
  unclosed.sort((a, b) => a.start - b.start);
  return unclosed;
}
