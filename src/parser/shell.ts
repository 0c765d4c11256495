/**
 * A small reader for the shell of build scriptlets (`%prep`, `%build`, `%install`, `%check`…):
 * enough of POSIX sh to find simple commands and their words, redirections and here-documents,
 * without pretending to be a shell. It never evaluates anything.
 *
 * - Words are split on unquoted blanks; `'…'`, `"…"`, `$'…'` and backslashes are removed from the
 *   word's value, and every character of the value remembers its offset in the text, so a rule
 *   can report (and fix) a piece of a quoted word exactly.
 * - rpm expands macros before the shell runs, so a macro use (`%{…}`, `%(…)`, `%[…]`, `%name`)
 *   is kept verbatim inside the word it is written in, even when it contains blanks or quotes.
 * - Commands end at newlines and at `;`, `&`, `|`, `&&`, `||`, `(`, `)`; a backslash-newline
 *   continues the command. `#` at the start of a word starts a comment.
 * - `$(…)` and backquoted command substitutions stay inside their word, and the commands inside
 *   them are read as commands too.
 * - `<<WORD` / `<<-WORD` here-documents: the body lines are not commands; they are returned with
 *   the operator that opened them.
 *
 * One pass over the text; nested command substitutions are read once each, so the work is linear.
 */
import type { LineNode, Section } from "../tree/nodes.js";
import { scanMacroUses } from "./macros.js";
import { appended, asciiSet, isDigitCode, isWordCode } from "./span.js";
import {
  BACKQUOTE,
  BACKSLASH,
  CARRIAGE_RETURN,
  DOLLAR,
  DOUBLE_QUOTE,
  GREATER_THAN,
  HASH,
  LESS_THAN,
  NEWLINE,
  OPEN_PAREN,
  PERCENT,
  SINGLE_QUOTE,
  SPACE,
  TAB,
} from "./char-codes.js";

const NO_JUMPS: readonly number[] = [];

/** A word of a shell command. */
export class ShellWord {
  constructor(
    /** Offsets of the word as written (quotes included). */
    readonly start: number,
    readonly end: number,
    /** The word after quote and backslash removal; macro uses kept as written. */
    readonly value: string,
    /**
     * Where the value stops being a copy of the text from `start`: pairs of an index in `value`
     * and the offset in the text of that character, the following ones being contiguous up to the
     * next pair. Most words have none; one offset per character was the reader's largest
     * allocation.
     */
    private readonly jumps: readonly number[] = NO_JUMPS,
  ) {}

  /** The offset in the text of `value[index]`; `end` for an index past the value. */
  offsetAt(index: number): number {
    if (index >= this.value.length) return this.end;
    const jumps = this.jumps;
    if (jumps.length === 0 || index < jumps[0]!) return this.start + index;
    let low = 0;
    let high = jumps.length / 2 - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (jumps[2 * middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return jumps[2 * low + 1]! + index - jumps[2 * low]!;
  }

  /** The word without the first `from` characters of its value (an option's attached argument). */
  sliceFrom(from: number): ShellWord {
    const jumps: number[] = [];
    for (let pair = 0; pair < this.jumps.length; pair += 2) {
      if (this.jumps[pair]! > from) jumps.push(this.jumps[pair]! - from, this.jumps[pair + 1]!);
    }
    return new ShellWord(this.offsetAt(from), this.end, this.value.slice(from), jumps);
  }
}

export interface ShellRedirection {
  /** The operator as written without its file descriptor: `>`, `>>`, `<`, `<<`, `<<-`, `>&`… */
  operator: string;
  start: number;
  /** The file, descriptor or here-document delimiter word; null when the command ends first. */
  target: ShellWord | null;
}

export interface ShellCommand {
  /** The words of the simple command in order, without redirections. */
  words: ShellWord[];
  redirections: ShellRedirection[];
  /**
   * What ended the command: a control operator (`;`, `&`, `&&`, `||`, `|`, `;;`), `\n`, `(` or
   * `)`, or null at the end of the text. `a || b` runs `b` only when `a` fails.
   */
  terminator: string | null;
  /** How many subshells enclose the command: `( … )`, `$( … )` and backquotes. */
  depth: number;
}

export interface HereDocument {
  /** The `<<` redirection that opened it. */
  redirection: ShellRedirection;
  command: ShellCommand;
  /** The delimiter after quote removal. */
  delimiter: string;
  /** `<<-`: leading tabs are stripped from the body lines. */
  stripTabs: boolean;
  /** Offsets of the body: from the line after the command up to the delimiter line (or the end). */
  bodyStart: number;
  bodyEnd: number;
}

export interface ShellScript {
  /** Every simple command, in the order they end (a command substitution's before its own). */
  commands: ShellCommand[];
  hereDocuments: HereDocument[];
}

/** The words of a script's commands and the targets of their redirections, command by command. */
export function scriptWords(script: ShellScript): ShellWord[] {
  const words: ShellWord[] = [];
  for (const command of script.commands) {
    for (const word of command.words) words.push(word);
    for (const redirection of command.redirections) if (redirection.target !== null) words.push(redirection.target);
  }
  return words;
}

/** A reference to a shell variable in a word's value, by indices of the value. */
export interface VariableReference {
  /** Index of the `$`. */
  first: number;
  /** Index of the last character: the name's, or the `}` of `${NAME}`. */
  last: number;
  /** As written in the value: `$NAME` or `${NAME}`. */
  spelling: string;
}

const NO_REFERENCES: readonly VariableReference[] = [];

/** The references to the shell variable `name` in a word's value: `$NAME` (not `$NAMEX`) and `${NAME}`. */
export function variableReferences(word: ShellWord, name: string): readonly VariableReference[] {
  const value = word.value;
  // Most words of a script hold no such name.
  if (!value.includes(name)) return NO_REFERENCES;
  const plain = `$${name}`;
  const braced = `\${${name}}`;
  const found: VariableReference[] = [];
  for (let at = value.indexOf("$"); at >= 0; at = value.indexOf("$", at + 1)) {
    const spelling = value.startsWith(braced, at) ? braced : value.startsWith(plain, at) ? plain : null;
    if (spelling === null) continue;
    const last = at + spelling.length - 1;
    if (spelling === plain && isWordCode(value.charCodeAt(last + 1))) continue;
    found.push({ first: at, last, spelling });
  }
  return found;
}

const OPERATOR_CODES = asciiSet(";&|()");

/** Characters that end an unquoted word: blanks, newline, control operators and redirections. */
const WORD_END_CHARS = " \t\r\n;&|()<>";
const WORD_ENDS = asciiSet(WORD_END_CHARS);
/** Characters of a word that need a look: word ends, quotes, escapes, `$`, and `%` for macros. */
const WORD_SPECIALS = asciiSet(`${WORD_END_CHARS}\\'"$\`%`);

/**
 * Command substitutions nested deeper than this are read as plain word characters: real scripts
 * nest a few levels, and the bound keeps the recursion (and the copying of nested text into the
 * enclosing words) small on hostile input.
 */
const MAX_SUBSTITUTION_DEPTH = 16;

/** Blanks between shell words: space, tab, and the CR of a CRLF line end. */
function isShellBlankCode(code: number): boolean {
  return code === SPACE || code === TAB || code === CARRIAGE_RETURN;
}

/**
 * The value of a word being read, built from runs of the text: characters are added in text
 * order, and a run is copied with one slice when the next character is not the following one.
 */
class WordValue {
  private value = "";
  private jumps: number[] | null = null;
  private runStart: number;
  private runEnd: number;

  constructor(
    private readonly text: string,
    private readonly start: number,
  ) {
    this.runStart = start;
    this.runEnd = start;
  }

  /** Adds the `count` characters of the text at `at`. */
  add(at: number, count = 1): void {
    if (at !== this.runEnd) {
      this.value += this.text.slice(this.runStart, this.runEnd);
      (this.jumps ??= []).push(this.value.length, at);
      this.runStart = at;
    }
    this.runEnd = at + count;
  }

  word(end: number): ShellWord {
    const value = this.value + this.text.slice(this.runStart, this.runEnd);
    return new ShellWord(this.start, end, value, this.jumps ?? NO_JUMPS);
  }
}

class ShellReader {
  readonly commands: ShellCommand[] = [];
  readonly hereDocuments: HereDocument[] = [];
  /**
   * Start and end offsets of the outermost macro uses, in order, and the index of the first one
   * not before the offset last asked about. Reading goes forward, so a cursor finds them: a map
   * from offset to end was the reader's hot spot on long lines (a 5 MB command line: 64% of the
   * lint time in its lookups).
   */
  private readonly macroStarts: number[] = [];
  private readonly macroEnds: number[] = [];
  private macroCursor = 0;
  /** How many command substitutions enclose the text being read. */
  private depth = 0;
  /** How many `( … )` subshells enclose the text being read. */
  private parentheses = 0;

  constructor(
    private readonly text: string,
    start: number,
    end: number,
  ) {
    let coveredUntil = start;
    const uses = scanMacroUses(text, start, end);
    // Indexed: the scan's answers are of two array shapes, and iterating them did not optimise.
    for (let index = 0; index < uses.length; index++) {
      const use = uses[index]!;
      if (use.start < coveredUntil) continue;
      // A plain `%name` ends at its name: its arguments are ordinary shell words.
      this.macroStarts.push(use.start);
      this.macroEnds.push(use.end);
      coveredUntil = use.end;
    }
  }

  /** The end of the outermost macro use that starts at `index`, or undefined. */
  private macroEndAt(index: number): number | undefined {
    if (this.text.charCodeAt(index) !== PERCENT) return undefined;
    const starts = this.macroStarts;
    let cursor = this.macroCursor;
    if (cursor > 0 && starts[cursor - 1]! >= index) {
      let low = 0;
      let high = cursor - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (starts[middle]! < index) low = middle + 1;
        else high = middle;
      }
      cursor = low;
    }
    while (cursor < starts.length && starts[cursor]! < index) cursor++;
    this.macroCursor = cursor;
    return starts[cursor] === index ? this.macroEnds[cursor] : undefined;
  }

  /** Reads commands in `[start, end)`; returns where reading stopped (at `end` or a closing `)`). */
  read(start: number, end: number, closer: string | null): number {
    let index = start;
    const newCommand = (): ShellCommand => ({ words: [], redirections: [], terminator: null, depth: this.depth + this.parentheses });
    let command = newCommand();
    let pending: HereDocument[] = [];
    // An empty command (a blank line, `;` after a newline) is kept for the next one.
    const finish = (terminator: string | null): void => {
      if (command.words.length === 0 && command.redirections.length === 0) return;
      command.terminator = terminator;
      this.commands.push(command);
      command = newCommand();
    };
    const text = this.text;
    // Compared by code: every character between words passes here.
    const closerCode = closer === null ? -1 : closer.charCodeAt(0);
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === closerCode) {
        finish(closer);
        return index;
      }
      if (isShellBlankCode(code)) {
        index++;
        continue;
      }
      if (code === BACKSLASH) {
        const continuation = lineContinuationLength(text, index);
        if (continuation > 0) {
          index += continuation;
          continue;
        }
      }
      if (code === NEWLINE) {
        finish("\n");
        index++;
        if (pending.length > 0) {
          index = this.readHereDocumentBodies(pending, index, end);
          pending = [];
        }
        continue;
      }
      if (code === HASH) {
        const newline = text.indexOf("\n", index);
        index = newline === -1 || newline > end ? end : newline;
        continue;
      }
      if (OPERATOR_CODES[code] === 1) {
        const ch = text[index]!;
        const doubled = (ch === "&" || ch === "|" || ch === ";") && text[index + 1] === ch;
        finish(doubled ? ch + ch : ch);
        if (ch === "(") this.parentheses++;
        else if (ch === ")" && this.parentheses > 0) this.parentheses--;
        index += doubled ? 2 : 1;
        command.depth = this.depth + this.parentheses;
        continue;
      }
      const redirection = this.redirectionAt(index, end);
      if (redirection !== null) {
        index = skipBlanks(this.text, redirection.afterOperator, end);
        const target = index < end && !this.endsWord(index) ? this.readWord(index, end) : null;
        if (target !== null) index = target.end;
        const entry: ShellRedirection = { operator: redirection.operator, start: redirection.start, target };
        command.redirections.push(entry);
        if ((entry.operator === "<<" || entry.operator === "<<-") && target !== null) {
          const document: HereDocument = {
            redirection: entry,
            command,
            delimiter: target.value,
            stripTabs: entry.operator === "<<-",
            bodyStart: end,
            bodyEnd: end,
          };
          this.hereDocuments.push(document);
          pending.push(document);
        }
        continue;
      }
      const word = this.readWord(index, end);
      command.words.push(word);
      index = Math.max(word.end, index + 1);
    }
    finish(null);
    return end;
  }

  private endsWord(index: number): boolean {
    return index >= this.text.length || WORD_ENDS[this.text.charCodeAt(index)] === 1;
  }

  /** A redirection operator at `index` (with an optional file descriptor number before it). */
  private redirectionAt(index: number, end: number): { operator: string; start: number; afterOperator: number } | null {
    let cursor = index;
    while (cursor < end && isDigitCode(this.text.charCodeAt(cursor))) cursor++;
    const code = this.text.charCodeAt(cursor);
    if (code !== LESS_THAN && code !== GREATER_THAN) return null;
    const ch = this.text[cursor];
    const operatorStart = cursor;
    cursor++;
    const next = this.text[cursor];
    if (ch === "<" && next === "<") {
      cursor++;
      if (this.text[cursor] === "<") cursor++;
      else if (this.text[cursor] === "-") cursor++;
    } else if (next === ">" || next === "&" || next === "|" || (ch === "<" && next === ">")) {
      cursor++;
    }
    return { operator: this.text.slice(operatorStart, cursor), start: index, afterOperator: cursor };
  }

  private readHereDocumentBodies(documents: readonly HereDocument[], start: number, end: number): number {
    let index = start;
    for (const document of documents) {
      document.bodyStart = index;
      document.bodyEnd = end;
      while (index < end) {
        let lineEnd = this.text.indexOf("\n", index);
        if (lineEnd === -1 || lineEnd > end) lineEnd = end;
        let contentStart = index;
        if (document.stripTabs) while (contentStart < lineEnd && this.text[contentStart] === "\t") contentStart++;
        let contentEnd = lineEnd;
        if (contentEnd > contentStart && this.text[contentEnd - 1] === "\r") contentEnd--;
        const isDelimiter = this.text.slice(contentStart, contentEnd) === document.delimiter;
        const next = lineEnd < end ? lineEnd + 1 : end;
        if (isDelimiter) {
          document.bodyEnd = index;
          index = next;
          break;
        }
        index = next;
      }
    }
    return index;
  }

  /** Reads one word starting at `start` (not a blank, newline or operator). */
  private readWord(start: number, end: number): ShellWord {
    const text = this.text;
    const value = new WordValue(text, start);
    let index = start;
    while (index < end) {
      const code = text.charCodeAt(index);
      if (isPlainWordCode(code)) {
        let plainEnd = index + 1;
        while (plainEnd < end && isPlainWordCode(text.charCodeAt(plainEnd))) plainEnd++;
        value.add(index, plainEnd - index);
        index = plainEnd;
        continue;
      }
      if (code === PERCENT) {
        const macroEnd = this.macroEndAt(index);
        if (macroEnd !== undefined) {
          value.add(index, Math.min(macroEnd, end) - index);
          index = Math.min(macroEnd, end);
          continue;
        }
      } else if (WORD_ENDS[code] === 1) {
        break;
      }
      if (code === BACKSLASH) {
        const continuation = lineContinuationLength(text, index);
        if (continuation > 0) {
          index += continuation;
          continue;
        }
        if (index + 1 === end) {
          // A backslash with nothing after it is itself, as the shell reads one at the end of input.
          value.add(index);
          index++;
          continue;
        }
        value.add(index + 1);
        index += 2;
        continue;
      }
      if (code === SINGLE_QUOTE) {
        index++;
        while (index < end && text.charCodeAt(index) !== SINGLE_QUOTE) {
          const inner = this.macroEndAt(index);
          if (inner !== undefined) {
            value.add(index, Math.min(inner, end) - index);
            index = Math.min(inner, end);
            continue;
          }
          let runEnd = index + 1;
          while (runEnd < end && !isSingleQuotedSpecial(text.charCodeAt(runEnd))) runEnd++;
          value.add(index, runEnd - index);
          index = runEnd;
        }
        index++;
        continue;
      }
      const next = text.charCodeAt(index + 1);
      if (code === DOLLAR && next === SINGLE_QUOTE) {
        index += 2;
        while (index < end && text[index] !== "'") {
          if (text[index] === "\\" && index + 1 < end) {
            value.add(index, 2);
            index += 2;
            continue;
          }
          value.add(index);
          index++;
        }
        index++;
        continue;
      }
      if (code === DOUBLE_QUOTE) {
        index = this.readDoubleQuoted(index + 1, end, value);
        continue;
      }
      if (code === DOLLAR && next === OPEN_PAREN && this.depth < MAX_SUBSTITUTION_DEPTH) {
        const close = this.readSubstitution(index + 2, end, ")");
        value.add(index, Math.min(close + 1, end) - index);
        index = close + 1;
        continue;
      }
      if (code === BACKQUOTE && this.depth < MAX_SUBSTITUTION_DEPTH) {
        const close = this.backquoteEnd(index + 1, end);
        this.readSubstitution(index + 1, close, null);
        value.add(index, Math.min(close + 1, end) - index);
        index = close + 1;
        continue;
      }
      value.add(index);
      index++;
    }
    return value.word(Math.min(index, end));
  }

  /** Reads the commands of a command substitution, one level deeper. */
  private readSubstitution(start: number, end: number, closer: string | null): number {
    this.depth++;
    const stop = this.read(start, end, closer);
    this.depth--;
    return stop;
  }

  /** Reads a `"…"` string from after its opening quote; returns the offset after the closing quote. */
  private readDoubleQuoted(start: number, end: number, value: WordValue): number {
    const text = this.text;
    let index = start;
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === DOUBLE_QUOTE) break;
      const macroEnd = code === PERCENT ? this.macroEndAt(index) : undefined;
      if (macroEnd !== undefined) {
        value.add(index, Math.min(macroEnd, end) - index);
        index = Math.min(macroEnd, end);
        continue;
      }
      if (code === BACKSLASH && index + 1 < end) {
        const next = text[index + 1]!;
        const continuation = lineContinuationLength(text, index);
        if (continuation > 0) {
          index += continuation;
          continue;
        }
        if (next === '"' || next === "\\" || next === "$" || next === "`") value.add(index + 1);
        else value.add(index, 2);
        index += 2;
        continue;
      }
      if (code === DOLLAR && text.charCodeAt(index + 1) === OPEN_PAREN && this.depth < MAX_SUBSTITUTION_DEPTH) {
        const close = this.readSubstitution(index + 2, end, ")");
        value.add(index, Math.min(close + 1, end) - index);
        index = close + 1;
        continue;
      }
      let runEnd = index + 1;
      while (runEnd < end && !isDoubleQuotedSpecial(text.charCodeAt(runEnd))) runEnd++;
      value.add(index, runEnd - index);
      index = runEnd;
    }
    return index + 1;
  }

  private backquoteEnd(start: number, end: number): number {
    let index = start;
    while (index < end && this.text[index] !== "`") index += this.text[index] === "\\" ? 2 : 1;
    return Math.min(index, end);
  }
}

/** Characters that end a run of literal text inside `'…'`: the closing quote and a macro's `%`. */
function isSingleQuotedSpecial(code: number): boolean {
  return code === SINGLE_QUOTE || code === PERCENT;
}

/** Characters that end a run of literal text inside `"…"`: the closing quote, `%`, a backslash and `$`. */
function isDoubleQuotedSpecial(code: number): boolean {
  return code === DOUBLE_QUOTE || code === PERCENT || code === BACKSLASH || code === DOLLAR;
}

function isPlainWordCode(code: number): boolean {
  return code >= 128 || WORD_SPECIALS[code] === 0;
}

/** The length of a backslash-newline (LF or CRLF) at `index`, or 0. */
function lineContinuationLength(text: string, index: number): number {
  if (text[index] !== "\\") return 0;
  if (text[index + 1] === "\n") return 2;
  return text[index + 1] === "\r" && text[index + 2] === "\n" ? 3 : 0;
}

function skipBlanks(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && isShellBlankCode(text.charCodeAt(index))) index++;
  return index;
}

/**
 * Reads the shell in `text[start, end)`. Callers blank out (with spaces, keeping newlines) what
 * is not shell for the target, such as dead lines and `%if` directives, so offsets stay exact.
 */
export function scanShell(text: string, start = 0, end = text.length): ShellScript {
  const reader = new ShellReader(text, start, end);
  reader.read(start, end, null);
  return { commands: reader.commands, hereDocuments: reader.hereDocuments };
}

/**
 * The values of the words `scanShell` reads in `text`, the commands' words one after the other.
 * A text of word characters only (most expanded macro arguments: `foo-1.2`, `/usr/lib`) is one
 * word as it is, and is not read.
 */
export function shellWordValues(text: string): string[] {
  if (isOneWord(text)) return [text];
  const values: string[] = [];
  for (const command of scanShell(text).commands) for (const word of command.words) values.push(word.value);
  return values;
}

/** `text` is one unquoted word without macros: word characters only, and no `#` starting a comment. */
function isOneWord(text: string): boolean {
  if (text.length === 0 || text.charCodeAt(0) === HASH) return false;
  for (let index = 0; index < text.length; index++) if (!isPlainWordCode(text.charCodeAt(index))) return false;
  return true;
}

/** Reserved words and prefixes after which the next word is still in command position. */
const COMMAND_PREFIXES = new Set([
  "!",
  "{",
  "}",
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "time",
  "exec",
  "command",
  "builtin",
  "nohup",
  "sudo",
]);

/** Commands that run the command in their remaining words, with their options that take a value. */
const WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["env", new Set(["-u", "-C", "--unset", "--chdir"])],
  ["nice", new Set(["-n"])],
  ["xargs", new Set(["-I", "-n", "-P", "-L", "-d", "-E", "-s", "-a"])],
  ["stdbuf", new Set(["-i", "-o", "-e"])],
  ["timeout", new Set(["-s", "-k"])],
]);

/** A word of the form `NAME=value`: a variable assignment before the command name. */
function isAssignment(word: ShellWord): boolean {
  const equals = word.value.indexOf("=");
  if (equals <= 0 || word.offsetAt(equals) !== word.start + equals) return false;
  for (let k = 0; k < equals; k++) {
    const code = word.value.charCodeAt(k);
    // A name: word characters, not starting with a digit.
    if (!isWordCode(code) || (k === 0 && isDigitCode(code))) return false;
  }
  return true;
}

/** The last path component of a command word's value (`/usr/bin/sed` → `sed`). */
export function commandBaseName(value: string): string {
  return value.slice(value.lastIndexOf("/") + 1);
}

/**
 * The invocations in a command: the words from each command name to the end of its arguments.
 * Besides the command itself this looks through the wrappers that run another command with
 * their remaining words (`env`, `nice`, `xargs`, `stdbuf`, `timeout`, with their options) and
 * `find … -exec[dir] … ;`.
 * `commandName` maps a word to the name to compare (callers expand macros such as `%{__sed}`).
 */
export function invocations(command: ShellCommand, commandName: (word: ShellWord) => string): ShellWord[][] {
  return collectInvocations(command.words, 0, command.words.length, commandName, null) ?? [];
}

/** `found` with the invocations in `words[from, to)` added (see `appended`: most commands make one). */
function collectInvocations(
  words: readonly ShellWord[],
  from: number,
  to: number,
  commandName: (word: ShellWord) => string,
  found: ShellWord[][] | null,
): ShellWord[][] | null {
  let index = from;
  while (index < to && (COMMAND_PREFIXES.has(words[index]!.value) || isAssignment(words[index]!))) index++;
  if (index >= to) return found;
  const name = commandBaseName(commandName(words[index]!));
  const valueOptions = WRAPPERS.get(name);
  if (valueOptions !== undefined) {
    let next = index + 1;
    while (next < to && (words[next]!.value.startsWith("-") || isAssignment(words[next]!))) {
      next += valueOptions.has(words[next]!.value) ? 2 : 1;
    }
    if (name === "timeout") next++;
    return collectInvocations(words, next, to, commandName, found);
  }
  let result = appended(found, words.slice(index, to));
  if (name === "find") {
    for (let k = index + 1; k < to; k++) {
      const value = words[k]!.value;
      if (value !== "-exec" && value !== "-execdir" && value !== "-ok" && value !== "-okdir") continue;
      let stop = k + 1;
      while (stop < to && words[stop]!.value !== ";" && words[stop]!.value !== "+") stop++;
      result = collectInvocations(words, k + 1, stop, commandName, result)!;
      k = stop;
    }
  }
  return result;
}

/** A line address or a regular-expression address of a sed command. */
export type SedAddress = { kind: "line"; line: number } | { kind: "last" } | { kind: "regex"; pattern: string } | { kind: "other" };

/** A piece of a sed script with the positions of its characters in the script string. */
export interface SedText {
  value: string;
  /** Index in the script string of each character of `value`. */
  indices: number[];
}

export interface SedCommand {
  /** The command letter: `s`, `c`, `i`, `a`, `d`, `y`… */
  name: string;
  /** Index of the command letter in the script. */
  index: number;
  /** The addresses that select the lines: the command's own, then those of enclosing `{…}` blocks. */
  addresses: SedAddress[];
  /** `s`: the delimiter, pattern, replacement and flags. */
  delimiter: string | null;
  pattern: SedText | null;
  replacement: SedText | null;
  flags: string;
  /** `a`, `i`, `c`: the text. */
  text: SedText | null;
}

/**
 * The sed script may name Python: escapes may split the word (`pyth\on` with `o` as the
 * delimiter), so it is looked for with the backslashes left out. Most sed scripts of a spec do
 * not, and need no parse by the rules that look for Python in them.
 */
export function sedScriptMayNamePython(script: string): boolean {
  return /python/i.test(script.includes("\\") ? script.replaceAll("\\", "") : script);
}

/**
 * Parses a sed script (GNU syntax) into its commands. Unknown or malformed parts are skipped,
 * never thrown on; the scan is linear.
 */
export function parseSedScript(script: string): SedCommand[] {
  const commands: SedCommand[] = [];
  const blocks: SedAddress[][] = [];
  let index = 0;
  const length = script.length;

  const skip = (chars: string): void => {
    while (index < length && chars.includes(script[index]!)) index++;
  };

  /** Reads up to an unescaped `delimiter`; `\delimiter` becomes the delimiter itself. */
  const readDelimited = (delimiter: string): SedText => {
    const piece: SedText = { value: "", indices: [] };
    while (index < length && script[index] !== delimiter) {
      if (script[index] === "\\" && index + 1 < length) {
        if (script[index + 1] === delimiter) {
          piece.value += delimiter;
          piece.indices.push(index + 1);
        } else {
          piece.value += script.slice(index, index + 2);
          piece.indices.push(index, index + 1);
        }
        index += 2;
        continue;
      }
      if (script[index] === "\n" && delimiter !== "\n") break;
      piece.value += script[index];
      piece.indices.push(index);
      index++;
    }
    if (index < length && script[index] === delimiter) index++;
    return piece;
  };

  const readAddress = (): SedAddress | null => {
    const ch = script[index];
    if (ch === undefined) return null;
    if (ch >= "0" && ch <= "9") {
      const start = index;
      while (index < length && script[index]! >= "0" && script[index]! <= "9") index++;
      if (script[index] === "~") {
        index++;
        while (index < length && script[index]! >= "0" && script[index]! <= "9") index++;
        return { kind: "other" };
      }
      return { kind: "line", line: Number(script.slice(start, index)) };
    }
    if (ch === "$") {
      index++;
      return { kind: "last" };
    }
    if (ch === "/" || (ch === "\\" && index + 1 < length)) {
      const delimiter = ch === "/" ? "/" : script[index + 1]!;
      index += ch === "/" ? 1 : 2;
      const pattern = readDelimited(delimiter).value;
      skip("IM");
      return { kind: "regex", pattern };
    }
    return null;
  };

  while (index < length) {
    skip(" \t\n;");
    if (index >= length) break;
    if (script[index] === "}") {
      blocks.pop();
      index++;
      continue;
    }
    if (script[index] === "#") {
      while (index < length && script[index] !== "\n") index++;
      continue;
    }
    const own: SedAddress[] = [];
    const first = readAddress();
    if (first !== null) {
      own.push(first);
      skip(" \t");
      if (script[index] === ",") {
        index++;
        skip(" \t");
        if (script[index] === "+" || script[index] === "~") {
          index++;
          while (index < length && script[index]! >= "0" && script[index]! <= "9") index++;
          own.push({ kind: "other" });
        } else {
          own.push(readAddress() ?? { kind: "other" });
        }
      }
    }
    skip(" \t");
    if (script[index] === "!") {
      index++;
      own.length = 0;
      own.push({ kind: "other" });
      skip(" \t");
    }
    const name = script[index];
    if (name === undefined) break;
    const commandIndex = index;
    index++;
    const addresses = [...own, ...(blocks[blocks.length - 1] ?? [])];
    if (name === "{") {
      blocks.push(addresses);
      continue;
    }
    const command: SedCommand = {
      name,
      index: commandIndex,
      addresses,
      delimiter: null,
      pattern: null,
      replacement: null,
      flags: "",
      text: null,
    };
    if (name === "s" || name === "y") {
      const delimiter = script[index];
      if (delimiter === undefined || delimiter === "\n" || delimiter === "\\") break;
      index++;
      command.delimiter = delimiter;
      command.pattern = readDelimited(delimiter);
      command.replacement = readDelimited(delimiter);
      const flagsStart = index;
      while (index < length && !" \t\n;}".includes(script[index]!)) index++;
      command.flags = script.slice(flagsStart, index);
    } else if (name === "a" || name === "i" || name === "c") {
      skip(" \t");
      if (script[index] === "\\") {
        index++;
        if (script[index] === "\n") index++;
      }
      const piece: SedText = { value: "", indices: [] };
      while (index < length && script[index] !== "\n") {
        piece.value += script[index];
        piece.indices.push(index);
        index++;
      }
      command.text = piece;
    } else {
      // Labels, file names and numeric arguments run to the end of the command.
      while (index < length && !"\n;}".includes(script[index]!)) index++;
    }
    commands.push(command);
  }
  return commands;
}

/**
 * The scripts of a sed invocation (`words[0]` is the command name): the values of `-e SCRIPT`,
 * `-eSCRIPT`, `--expression=SCRIPT`, or else the first operand.
 */
export function sedScripts(words: readonly ShellWord[]): ShellWord[] {
  const scripts: ShellWord[] = [];
  let firstOperand: ShellWord | null = null;
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    const value = word.value;
    if (value === "-e" || value === "--expression") {
      const script = words[index + 1];
      if (script !== undefined) scripts.push(script);
      index++;
      continue;
    }
    if (value.startsWith("--expression=")) {
      scripts.push(word.sliceFrom("--expression=".length));
      continue;
    }
    if (value === "-f" || value === "--file" || value === "-l" || value === "--line-length") {
      index++;
      continue;
    }
    if (value.startsWith("-") && !value.startsWith("--") && value.length > 1) {
      // A cluster of short options: `-i` takes the rest as its backup suffix (`-ie` is not `-i -e`).
      for (let letter = 1; letter < value.length; letter++) {
        const option = value[letter];
        if (option === "i") break;
        if (option !== "e" && option !== "f" && option !== "l") continue;
        const attached = letter + 1 < value.length;
        if (option === "e") {
          if (attached) scripts.push(word.sliceFrom(letter + 1));
          else if (words[index + 1] !== undefined) scripts.push(words[index + 1]!);
        }
        if (!attached) index++;
        break;
      }
      continue;
    }
    if (value.startsWith("-")) continue;
    if (firstOperand === null) firstOperand = word;
  }
  if (scripts.length === 0 && firstOperand !== null) scripts.push(firstOperand);
  return scripts;
}

/**
 * The text of `sections` as the shell sees it, for `scanShell`: a string with the offsets of
 * `text`, up to the end of the last section, in which everything that is not shell is blanked out
 * with spaces. From the first to the last line of each section newlines are kept, so lines and
 * here-documents stay in place; before and between the sections the view is spaces only.
 * Blanked are the section headers, the lines `isShellLine` rejects (dead lines), rpm's own
 * directive lines (`%if`, `%global`, `%bcond`…), and the `%{?name:…}`/`%{!?name:…}` constructs
 * that expand to nothing by `isDefined` (whether a macro is defined at an offset; null when that
 * cannot be known); of the others only the body is kept.
 */
export function shellView(
  text: string,
  sections: readonly Section[],
  isShellLine: (line: LineNode) => boolean,
  isDefined: (name: string, offset: number) => boolean | null,
): string {
  // Built by concatenating slices: a per-character array of the whole spec cost a third of the
  // lint time of a typical spec. `text[copyFrom, copyTo)` follows `view` unchanged, so a run of
  // shell lines is copied with one slice; the text between sections is blanked without looking
  // for its lines, and the text after them (often a long `%changelog`) is left out.
  let view = "";
  let copyFrom = 0;
  let copyTo = 0;
  const blankUntil = (at: number, keepNewlines: boolean): void => {
    view += text.slice(copyFrom, copyTo) + (keepNewlines ? blankText(text, copyTo, at) : spaces(at - copyTo));
    copyFrom = at;
    copyTo = at;
  };
  // Only `%{?…}` and `%{!?…}` are blanked, and most lines have no `?` at all.
  let question = text.indexOf("?");
  for (const section of sections) {
    const first = section.lines[0];
    const last = section.lines[section.lines.length - 1];
    if (first === undefined || last === undefined || first.start < copyTo) continue;
    blankUntil(first.start, false);
    for (const line of section.lines) {
      if (!isShellViewLine(line, isShellLine)) continue;
      if (!followsDirectly(text, line, copyTo)) blankUntil(line.start, true);
      if (question !== -1 && question < line.start) question = text.indexOf("?", line.start);
      const rewritten = question !== -1 && question < line.end ? rewrittenShellLine(text, line, isDefined) : null;
      if (rewritten !== null) {
        view += text.slice(copyFrom, line.start) + rewritten;
        copyFrom = line.end;
      }
      copyTo = line.end;
    }
    if (last.end > copyTo) blankUntil(last.end, true);
  }
  return view + text.slice(copyFrom, copyTo);
}

/** A line `shellView` keeps: a text, comment or blank line that `isShellLine` accepts. */
function isShellViewLine(line: LineNode, isShellLine: (line: LineNode) => boolean): boolean {
  return (line.type === "TextLine" || line.type === "CommentLine" || line.type === "BlankLine") && isShellLine(line);
}

/** `line` starts where the text up to `previousEnd` ends, or right after the newline there. */
function followsDirectly(text: string, line: LineNode, previousEnd: number): boolean {
  return line.start === previousEnd || (line.start === previousEnd + 1 && text.charCodeAt(previousEnd) === NEWLINE);
}

/**
 * `shellView` holds the section's lines as `text` does, so `scanShell` reads the same from
 * `text` itself: every line is kept, follows the one before it, and has no `%{?name:…}` construct
 * blanked. The last line must not end with a backslash or a carriage return either: the reader
 * looks one or two characters past the section for a line continuation, and finds `text`'s
 * newline there rather than the view's blank.
 */
export function isVerbatimShellSection(
  text: string,
  section: Section,
  isShellLine: (line: LineNode) => boolean,
  isDefined: (name: string, offset: number) => boolean | null,
): boolean {
  const lines = section.lines;
  const last = lines[lines.length - 1];
  if (last === undefined || last.end === 0) return false;
  const lastCode = text.charCodeAt(last.end - 1);
  if (lastCode === BACKSLASH || lastCode === CARRIAGE_RETURN) return false;
  let previousEnd = lines[0]!.start;
  let question = text.indexOf("?", previousEnd);
  for (const line of lines) {
    if (!isShellViewLine(line, isShellLine) || !followsDirectly(text, line, previousEnd)) return false;
    if (question !== -1 && question < line.start) question = text.indexOf("?", line.start);
    if (question !== -1 && question < line.end && rewrittenShellLine(text, line, isDefined) !== null) return false;
    previousEnd = line.end;
  }
  return true;
}

const SPACES = " ".repeat(1024);

function spaces(length: number): string {
  return length <= SPACES.length ? SPACES.slice(0, length) : " ".repeat(length);
}

/** `text[start, end)` with every character but newlines replaced by a space. */
function blankText(text: string, start: number, end: number): string {
  let blanked = "";
  let from = start;
  while (from < end) {
    const newline = text.indexOf("\n", from);
    const stop = newline === -1 || newline >= end ? end : newline;
    const length = stop - from;
    blanked += spaces(length);
    if (stop === end) break;
    blanked += "\n";
    from = stop + 1;
  }
  return blanked;
}

/** A shell line of `shellView` with the conditional macro constructs blanked out; null when none is. */
function rewrittenShellLine(text: string, line: LineNode, isDefined: (name: string, offset: number) => boolean | null): string | null {
  const written = text.slice(line.start, line.end);
  // Nested constructs blank overlapping ranges: they are counted in a difference array and the
  // line is rebuilt once, so 10,000 nested `%{?a:` stay linear.
  let coverage: Int32Array | null = null;
  const blank = (start: number, end: number): void => {
    if (start >= end) return;
    coverage ??= new Int32Array(written.length + 1);
    coverage[start - line.start]!++;
    coverage[end - line.start]!--;
  };
  for (const use of scanMacroUses(text, line.start, line.end)) {
    if (use.form !== "braced" || !use.conditional || use.argument === null) continue;
    const defined = isDefined(use.name, use.start);
    if (defined !== null && defined === use.negated) {
      blank(use.start, use.end);
    } else {
      blank(use.start, use.argument.start);
      blank(use.argument.end, use.end);
    }
  }
  if (coverage === null) return null;
  const covered: Int32Array = coverage;
  let result = "";
  let depth = 0;
  let runStart = 0;
  let runBlank = false;
  for (let index = 0; index <= written.length; index++) {
    depth += covered[index]!;
    const inBlank = index < written.length && depth > 0;
    if (index === written.length || inBlank !== runBlank) {
      result += runBlank ? blankText(written, runStart, index) : written.slice(runStart, index);
      runStart = index;
      runBlank = inBlank;
    }
  }
  return result;
}

/** The sed command works on the shebang line: its address is line 1, or its pattern or address has `#!`. */
export function targetsShebangLine(command: SedCommand): boolean {
  if (command.pattern?.value.includes("#!") === true) return true;
  return command.addresses.some(
    (address) => (address.kind === "line" && address.line === 1) || (address.kind === "regex" && address.pattern.includes("#!")),
  );
}
