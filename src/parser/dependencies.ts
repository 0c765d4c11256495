/**
 * Dependency tag values (`Requires`, `BuildRequires`, `Provides`…) as a chevrotain grammar.
 *
 * The value is read the way rpm reads it (build/parseReqs.c and the rich-dependency parser in
 * lib/rpmds.c), except that macros are left unexpanded and each macro construct is one opaque
 * piece of a word, however many spaces or parentheses it contains:
 * - entries are separated by white space and/or commas;
 * - a name runs up to white space, a comma, or a `)` that closes nothing opened in the name, so
 *   `pkgconfig(foo)`, `python3dist(foo[bar])` and `perl(Foo::Bar)` are single names, while a name
 *   containing `>=` without white space (`foo>=1`) is, as for rpm, one name;
 * - a name may be followed by an operator (`<`, `<=`, `=<`, `=`, `==`, `>`, `>=`, `=>`) written as
 *   a separate word, then a version;
 * - an entry starting with `(` is a rich dependency, ending at its balancing `)`: operands joined
 *   by `and`, `or`, `with`, `without`, `if`, `unless`, optionally `else` after `if`/`unless`.
 *
 * Parsing never throws. A malformed rich dependency is left out of the result and reported; all
 * other problems rpm rejects (a version without operator context, a versioned file name, a bad
 * epoch, chaining different operators…) are reported next to the dependency that has them.
 */
import { EmbeddedActionsParser, Lexer, createToken, type IRecognitionException, type IToken } from "chevrotain";
import { builtOnFirstUse } from "./built-on-first-use.js";
import type { Dependency, MacroUse, RichDependency, SimpleDependency, Span } from "../tree/nodes.js";
import { scanMacroUses } from "./macros.js";

/** A problem in a dependency value; offsets are absolute, like the dependencies'. */
export interface DependencyError {
  message: string;
  start: number;
  end: number;
  /**
   * Every rpm release the targets build with (4.14 and later) rejects the value for this reason;
   * false for checks that later releases added or whose history is not certain.
   */
  everyRpm: boolean;
}

export interface DependencyParse {
  dependencies: Dependency[];
  errors: DependencyError[];
}

export interface DependencyParseOptions {
  /**
   * The canonical lower-case tag the value belongs to (`requires`, `buildrequires`, `conflicts`…).
   * When given, rpm's per-tag rules apply: no rich dependencies in `Provides`, `Obsoletes` and
   * `OrderWithRequires`, `if` only in forward tags and `unless` only in reverse ones.
   */
  tag?: string;
}

/** Tags by which a package depends on others (at build or run time, strongly or weakly). */
export const DEPENDING_TAGS: ReadonlySet<string> = new Set([
  "requires",
  "buildrequires",
  "recommends",
  "suggests",
  "orderwithrequires",
  "prereq",
  "buildprereq",
]);

/** Tags whose values rpm reads as dependencies, with this grammar. */
export const DEPENDENCY_TAGS: ReadonlySet<string> = new Set([
  ...DEPENDING_TAGS,
  "provides",
  "conflicts",
  "obsoletes",
  "supplements",
  "enhances",
  "buildconflicts",
]);

/** Tags that state build dependencies: they hold for the whole spec, whatever package they are in. */
export const BUILD_DEPENDENCY_TAGS: ReadonlySet<string> = new Set(["buildrequires", "buildprereq", "buildconflicts"]);

/** Tags whose values rpm rejects rich dependencies in. */
const TAGS_WITHOUT_RICH = new Set(["provides", "obsoletes", "orderwithrequires"]);
/** Reverse dependencies: the condition of a rich dependency is written with `unless`, not `if`. */
const REVERSE_TAGS = new Set(["conflicts", "buildconflicts", "supplements", "enhances"]);
/** Forward dependencies: the condition is written with `if`, not `unless`. */
const FORWARD_TAGS = new Set(["requires", "buildrequires", "recommends", "suggests", "prereq", "buildprereq"]);

// Where each macro construct of the text being lexed ends, by start offset. The custom token
// matchers below read it, so that a macro is always one piece of a word.
let macroEnds = new Map<number, number>();
let dnlEnds = new Map<number, number>();

function isSeparatorCode(code: number): boolean {
  return code === 0x2c || code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function isOperatorCode(code: number): boolean {
  return code === 0x3c || code === 0x3d || code === 0x3e;
}

const OPERATORS = new Set(["<", "<=", "=<", "=", "==", ">", ">=", "=>"]);

function matchOperator(text: string, offset: number): [string] | null {
  let end = offset;
  while (end < text.length && isOperatorCode(text.charCodeAt(end))) end++;
  if (end === offset) return null;
  const image = text.slice(offset, end);
  return OPERATORS.has(image) ? [image] : null;
}

function matchWord(text: string, offset: number): [string] | null {
  let index = offset;
  let depth = 0;
  while (index < text.length) {
    if (dnlEnds.has(index)) break;
    const macroEnd = macroEnds.get(index);
    if (macroEnd !== undefined) {
      index = macroEnd;
      continue;
    }
    const code = text.charCodeAt(index);
    if (isSeparatorCode(code)) break;
    if (code === 0x28) {
      if (index === offset) return null;
      depth++;
    } else if (code === 0x29) {
      if (depth === 0) break;
      depth--;
    }
    index++;
  }
  return index > offset ? [text.slice(offset, index)] : null;
}

const KEYWORDS = new Set(["and", "or", "if", "else", "unless", "with", "without"]);

function matchKeyword(text: string, offset: number): [string] | null {
  const word = matchWord(text, offset);
  return word !== null && KEYWORDS.has(word[0]) ? word : null;
}

function matchDnl(_text: string, offset: number): [string] | null {
  const end = dnlEnds.get(offset);
  return end === undefined ? null : [_text.slice(offset, end)];
}

const Separator = createToken({ name: "Separator", pattern: /[ \t\n\r\v\f]+/, group: Lexer.SKIPPED });
const Dnl = createToken({ name: "Dnl", pattern: { exec: matchDnl }, line_breaks: true, group: Lexer.SKIPPED, start_chars_hint: ["%"] });
const Comma = createToken({ name: "Comma", pattern: /,/ });
const LParen = createToken({ name: "LParen", pattern: /\(/ });
const RParen = createToken({ name: "RParen", pattern: /\)/ });
const Operator = createToken({ name: "Operator", pattern: { exec: matchOperator }, line_breaks: false, start_chars_hint: ["<", "=", ">"] });
const Word = createToken({ name: "Word", pattern: { exec: matchWord }, line_breaks: true });
/** A word that is a rich-dependency operator; elsewhere the grammar takes it as a plain word. */
const Keyword = createToken({ name: "Keyword", pattern: { exec: matchKeyword }, line_breaks: false });

const allTokens = [Separator, Dnl, Comma, LParen, RParen, Operator, Keyword, Word];

/** A rich dependency before offsets are made absolute: the operator tokens in order. */
interface RichParts {
  open: IToken;
  close: IToken;
  operands: Dependency[];
  operators: IToken[];
}

class DependencyGrammar extends EmbeddedActionsParser {
  /** White-space separated simple dependencies, and the stray tokens between them. */
  readonly simpleList = this.RULE("simpleList", () => {
    const items: Array<SimpleDependency | IToken> = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Comma) },
        { ALT: () => items.push(this.SUBRULE(this.simple)) },
        { ALT: () => items.push(this.CONSUME(Operator)) },
        { ALT: () => items.push(this.CONSUME(RParen)) },
      ]);
    });
    return items;
  });

  readonly simple = this.RULE("simple", (): SimpleDependency => {
    const name = this.SUBRULE(this.word);
    let operator: IToken | null = null;
    let version: IToken | null = null;
    this.OPTION(() => {
      operator = this.CONSUME(Operator);
      this.OPTION2(() => {
        version = this.SUBRULE2(this.word);
      });
    });
    return this.ACTION(() => simpleDependency(name, operator, version));
  });

  readonly rich = this.RULE("rich", (): RichDependency => {
    const operands: Dependency[] = [];
    const operators: IToken[] = [];
    const open = this.CONSUME(LParen);
    operands.push(this.SUBRULE(this.operand));
    this.MANY(() => {
      operators.push(this.CONSUME(Keyword));
      operands.push(this.SUBRULE2(this.operand));
    });
    const close = this.CONSUME(RParen);
    return this.ACTION(() => richDependency({ open, close, operands, operators }));
  });

  readonly operand = this.RULE("operand", (): Dependency =>
    this.OR([{ ALT: () => this.SUBRULE(this.rich) }, { ALT: () => this.SUBRULE(this.simple) }]),
  );

  readonly word = this.RULE("word", (): IToken =>
    this.OR([{ ALT: () => this.CONSUME(Word) }, { ALT: () => this.CONSUME(Keyword) }]),
  );

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 2 });
    this.performSelfAnalysis();
  }
}

/** Built when a value first needs them (~20 ms): values of the usual shapes never do (`PLAIN_VALUE`). */
const dependencyParser = builtOnFirstUse(() => ({
  lexer: new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false }),
  grammar: new DependencyGrammar(),
}));

function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

function tokenSpan(token: IToken): Span {
  return { start: token.startOffset, end: tokenEnd(token), text: token.image };
}

function simpleDependency(name: IToken, operator: IToken | null, version: IToken | null): SimpleDependency {
  const last = version ?? operator ?? name;
  return {
    kind: "simple",
    start: name.startOffset,
    end: tokenEnd(last),
    name: tokenSpan(name),
    operator: operator === null ? null : tokenSpan(operator),
    version: version === null ? null : tokenSpan(version),
  };
}

// The operator tokens of each rich dependency, kept beside the node for the chaining checks.
let richOperators = new Map<RichDependency, IToken[]>();

function richDependency(parts: RichParts): RichDependency {
  const first = parts.operators[0];
  const node: RichDependency = {
    kind: "rich",
    start: parts.open.startOffset,
    end: tokenEnd(parts.close),
    operator: first === undefined ? null : first.image,
    operands: parts.operands,
  };
  richOperators.set(node, parts.operators);
  return node;
}

// Values of the usual shapes (`name`, `name(arg)`, `name(kind(arg))`, `/path`, `name OP
// [epoch:]version[-release]`, separated by blanks or commas) are free of every error the grammar
// reports, so checking a value without macros does not need the grammar for them.
const SEPARATOR = "[ \\t\\n\\v\\f\\r,]";
const NAME_CHAR = "[^ \\t\\n\\v\\f\\r,()]";
const PLAIN_NAME = `[A-Za-z0-9_][^ \\t\\n\\v\\f\\r,()<=>]*(?:\\((?:${NAME_CHAR}|\\(${NAME_CHAR}*\\))*\\))?`;
const FILE_NAME = "/[^ \\t\\n\\v\\f\\r,()<=>]*";
const PLAIN_VERSION = "(?:[0-9]+:)?[A-Za-z0-9._+~^]+(?:-[A-Za-z0-9._+~^]+)?";
const PLAIN_ENTRY = `(?:${FILE_NAME}|${PLAIN_NAME}(?:[ \\t]+(?:<=?|>=?|==?|=<|=>)[ \\t]+${PLAIN_VERSION})?)`;
// The trailing separators belong to the group, not to both ends of it: with one run of separators
// that either end could take, a value of blanks followed by anything else backtracked
// quadratically (80,000 blanks: 4.8 s).
const PLAIN_VALUE = new RegExp(`^${SEPARATOR}*(?:${PLAIN_ENTRY}(?:${SEPARATOR}+${PLAIN_ENTRY})*${SEPARATOR}*)?$`);

/**
 * The errors of a dependency value written without macros, as `parseDependencies` reports them;
 * a value of the usual shapes is known to be free of them without parsing it.
 */
export function literalDependencyErrors(text: string, offset: number, options: DependencyParseOptions = {}): DependencyError[] {
  return PLAIN_VALUE.test(text) ? [] : parseDependencies(text, offset, options).errors;
}

/** Parses a dependency tag value; `offset` is where `text` starts in the file. */
export function parseDependencies(text: string, offset = 0, options: DependencyParseOptions = {}): DependencyParse {
  const shape = plainShape(text);
  if (shape !== null) return { dependencies: plainDependencies(text, shape, offset), errors: [] };
  const dependencies: Dependency[] = [];
  const errors: DependencyError[] = [];
  indexMacros(text);
  const lexed = dependencyParser().lexer.tokenize(text);
  macroEnds = new Map();
  dnlEnds = new Map();
  richOperators = new Map();
  for (const error of lexed.errors) {
    errors.push({ message: `unexpected \`${text.slice(error.offset, error.offset + error.length)}\``, start: error.offset, end: error.offset + error.length, everyRpm: false });
  }

  const tokens = lexed.tokens;
  let index = 0;
  while (index < tokens.length) {
    if (tokens[index]!.tokenType === LParen) {
      const end = balancedEnd(tokens, index);
      if (nestingDepth(tokens, index, end) > MAX_RICH_DEPTH) {
        errors.push({
          message: `rich dependency nested more than ${MAX_RICH_DEPTH} levels deep`,
          start: tokens[index]!.startOffset,
          end: tokenEnd(tokens[end - 1]!),
          everyRpm: false,
        });
      } else {
        parseRich(tokens.slice(index, end), dependencies, errors);
      }
      index = end;
    } else {
      let end = index;
      while (end < tokens.length && tokens[end]!.tokenType !== LParen) end++;
      parseSimpleRun(tokens.slice(index, end), dependencies, errors);
      index = end;
    }
  }

  for (const dependency of dependencies) checkDependency(dependency, options, errors, true);
  errors.sort((a, b) => a.start - b.start);
  const result = { dependencies: dependencies.map((dependency) => toAbsolute(dependency, offset)), errors: errors.map((error) => ({ ...error, start: error.start + offset, end: error.end + offset })) };
  richOperators = new Map();
  return result;
}

/**
 * The value with each macro construct replaced by as many `0` when it then has the usual shapes
 * (`PLAIN_VALUE`), which the grammar would read as such a list too: it takes each macro construct
 * as one opaque piece of a word. Null for any other value, and for one with a `%dnl`, which the
 * grammar skips with the rest of its line.
 */
function plainShape(text: string): string | null {
  if (!text.includes("%")) return PLAIN_VALUE.test(text) ? text : null;
  let shape = "";
  let copied = 0;
  for (const { use, end } of outermostMacroUses(text)) {
    if (isDnl(use)) return null;
    shape += text.slice(copied, use.start) + "0".repeat(end - use.start);
    copied = end;
  }
  shape += text.slice(copied);
  // A `%` left over starts no macro (`%%`, a `%` before a blank): the grammar tells what it is.
  return !shape.includes("%") && PLAIN_VALUE.test(shape) ? shape : null;
}

/** A macro use of a value together with where the text it takes ends. */
interface OutermostUse {
  use: MacroUse;
  /** The use's end; for `%dnl`, the end of its line (its newline included). */
  end: number;
}

function isDnl(use: MacroUse): boolean {
  return use.form === "plain" && use.name === "dnl";
}

/** The macro uses of a value that are not inside another one, in order. */
function outermostMacroUses(text: string): OutermostUse[] {
  const outermost: OutermostUse[] = [];
  let outerEnd = 0;
  for (const use of scanMacroUses(text)) {
    if (use.start < outerEnd) continue;
    if (isDnl(use)) {
      const argumentEnd = use.argument === null ? use.end : use.argument.end;
      outerEnd = text[argumentEnd] === "\n" ? argumentEnd + 1 : argumentEnd;
    } else {
      outerEnd = use.end;
    }
    outermost.push({ use, end: outerEnd });
  }
  return outermost;
}

/**
 * The dependencies of a value whose shape (`plainShape`) is of the usual ones, read without the
 * grammar: most values are such lists, and the grammar's lexer and parser cost ten times as much.
 * The words, split where the shape has separators, are names, each optionally followed by an
 * operator and a version.
 */
function plainDependencies(text: string, shape: string, offset: number): SimpleDependency[] {
  const dependencies: SimpleDependency[] = [];
  // The words read so far of the entry being read: its name, then its operator.
  let name: Span | null = null;
  let operator: Span | null = null;
  let index = 0;
  while (index < shape.length) {
    if (isSeparatorCode(shape.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    do index++;
    while (index < shape.length && !isSeparatorCode(shape.charCodeAt(index)));
    const word: Span = { start: start + offset, end: index + offset, text: text.slice(start, index) };
    if (operator !== null) {
      dependencies.push({ kind: "simple", start: name!.start, end: word.end, name: name!, operator, version: word });
      name = null;
      operator = null;
    } else if (name !== null && OPERATORS.has(word.text)) {
      operator = word;
    } else {
      if (name !== null) dependencies.push({ kind: "simple", start: name.start, end: name.end, name, operator: null, version: null });
      name = word;
    }
  }
  if (name !== null) dependencies.push({ kind: "simple", start: name.start, end: name.end, name, operator: null, version: null });
  return dependencies;
}

function indexMacros(text: string): void {
  macroEnds = new Map();
  dnlEnds = new Map();
  for (const { use, end } of outermostMacroUses(text)) (isDnl(use) ? dnlEnds : macroEnds).set(use.start, end);
}

/** Index just after the `)` balancing the `(` at `start`, or the end of the tokens. */
/**
 * Deeper rich dependencies are reported instead of parsed: the grammar recurses once per level,
 * and 100,000 nested parentheses overflowed the stack.
 */
const MAX_RICH_DEPTH = 100;

function nestingDepth(tokens: readonly IToken[], start: number, end: number): number {
  let depth = 0;
  let deepest = 0;
  for (let index = start; index < end; index++) {
    const type = tokens[index]!.tokenType;
    if (type === LParen) deepest = Math.max(deepest, ++depth);
    else if (type === RParen) depth--;
  }
  return deepest;
}

function balancedEnd(tokens: IToken[], start: number): number {
  let depth = 0;
  for (let index = start; index < tokens.length; index++) {
    const type = tokens[index]!.tokenType;
    if (type === LParen) depth++;
    else if (type === RParen && --depth === 0) return index + 1;
  }
  return tokens.length;
}

function parseSimpleRun(tokens: IToken[], dependencies: Dependency[], errors: DependencyError[]): void {
  const { grammar } = dependencyParser();
  grammar.input = tokens;
  const items = grammar.simpleList();
  for (const item of items) {
    if ("kind" in item) {
      dependencies.push(item);
    } else if (item.tokenType === Operator) {
      errors.push({ message: `\`${item.image}\` has no dependency name before it`, start: item.startOffset, end: tokenEnd(item), everyRpm: true });
    } else {
      errors.push({ message: "`)` closes no rich dependency", start: item.startOffset, end: tokenEnd(item), everyRpm: true });
    }
  }
}

function parseRich(tokens: IToken[], dependencies: Dependency[], errors: DependencyError[]): void {
  const { grammar } = dependencyParser();
  grammar.input = tokens;
  const node = grammar.rich();
  const error = grammar.errors[0];
  if (error === undefined) {
    dependencies.push(node);
    return;
  }
  const open = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  errors.push({ ...richSyntaxError(error, open, last), everyRpm: true });
}

function richSyntaxError(error: IRecognitionException, open: IToken, last: IToken): Omit<DependencyError, "everyRpm"> {
  const token = error.token;
  const atEnd = token.tokenType.name === "EOF" || Number.isNaN(token.startOffset);
  const whole = { start: open.startOffset, end: tokenEnd(last) };
  if (atEnd) {
    return { message: "rich dependency is not closed: `)` is missing", ...whole };
  }
  const at = { start: token.startOffset, end: tokenEnd(token) };
  const rules = error.context.ruleStack;
  const failedIn = rules[rules.length - 1];
  const previous = "previousToken" in error ? (error.previousToken as IToken) : null;
  if (failedIn === "operand" || failedIn === "word") {
    if (previous !== null && previous.tokenType === Operator) {
      return { message: `version required after \`${previous.image}\``, ...at };
    }
    if (previous !== null && previous.tokenType === LParen && token.tokenType === RParen) {
      return { message: "empty rich dependency", start: previous.startOffset, end: at.end };
    }
    if (previous !== null && isKeyword(previous)) {
      return { message: `\`${previous.image}\` needs a dependency after it`, ...at };
    }
    return { message: `expected a dependency, found \`${token.image}\``, ...at };
  }
  if (token.tokenType === Comma) {
    return { message: "rich dependency operands are joined by an operator, not a comma", ...at };
  }
  return { message: `unknown rich dependency operator \`${token.image}\` (expected and, or, if, else, unless, with, without or \`)\`)`, ...at };
}

function isKeyword(token: IToken): boolean {
  return token.tokenType === Keyword;
}

const CHAINABLE = new Set(["and", "or", "with"]);

function checkDependency(dependency: Dependency, options: DependencyParseOptions, errors: DependencyError[], topLevel: boolean): void {
  if (dependency.kind === "simple") {
    checkSimple(dependency, errors);
    return;
  }
  const tag = options.tag;
  if (topLevel && tag !== undefined && TAGS_WITHOUT_RICH.has(tag)) {
    errors.push({ message: `rpm allows no rich dependencies in ${tag}`, start: dependency.start, end: dependency.end, everyRpm: true });
  }
  const operators = richOperators.get(dependency) ?? [];
  let chained: string | null = null;
  for (const token of operators) {
    const operator = token.image;
    const at = { start: token.startOffset, end: tokenEnd(token) };
    if (operator === "else" && (chained === "if" || chained === "unless")) {
      chained = "else";
      continue;
    }
    if (operator === "else" && chained === "else") {
      errors.push({ message: "an `if` or `unless` takes one `else`; add parentheses", ...at, everyRpm: true });
    } else if (operator === "else") {
      errors.push({ message: "`else` must follow `if` or `unless`", ...at, everyRpm: true });
    } else if (chained !== null && operator !== chained) {
      errors.push({ message: `\`${operator}\` cannot be chained with \`${chained}\` without parentheses`, ...at, everyRpm: true });
    } else if (chained !== null && !CHAINABLE.has(operator)) {
      errors.push({ message: `only and, or and with can be chained; \`${operator}\` needs parentheses`, ...at, everyRpm: true });
    }
    if (tag !== undefined && operator === "if" && REVERSE_TAGS.has(tag)) {
      errors.push({ message: `rpm does not allow \`if\` in ${tag}; use \`and\``, ...at, everyRpm: false });
    } else if (tag !== undefined && operator === "unless" && FORWARD_TAGS.has(tag)) {
      errors.push({ message: `rpm does not allow \`unless\` in ${tag}; use \`or\``, ...at, everyRpm: false });
    }
    chained = operator;
  }
  for (const operand of dependency.operands) checkDependency(operand, options, errors, false);
}

/** The text of `span` with each macro construct replaced by one NUL character. */
function literalText(span: Span): string {
  let literal = "";
  let outerEnd = 0;
  for (const use of scanMacroUses(span.text)) {
    if (use.start < outerEnd) continue;
    literal += span.text.slice(outerEnd, use.start);
    literal += "\u0000";
    outerEnd = use.end;
  }
  return literal + span.text.slice(outerEnd);
}

function checkSimple(dependency: SimpleDependency, errors: DependencyError[]): void {
  const name = dependency.name;
  const first = literalText(name).charCodeAt(0);
  const startsWell = first === 0 || first === 0x2f || first === 0x5f || first > 0x7f || /[A-Za-z0-9]/.test(String.fromCharCode(first));
  if (!startsWell) {
    errors.push({ message: `a dependency name must begin with a letter, digit, \`_\` or \`/\`: \`${name.text}\``, start: name.start, end: name.end, everyRpm: true });
  }
  const operator = dependency.operator;
  if (operator === null) return;
  if (first === 0x2f) {
    errors.push({ message: `a file dependency cannot have a version: \`${name.text}\``, start: dependency.start, end: dependency.end, everyRpm: true });
  }
  if (operator.start === name.end) {
    errors.push({ message: `rpm needs white space between \`${name.text}\` and \`${operator.text}\``, start: name.start, end: operator.end, everyRpm: false });
  }
  const version = dependency.version;
  if (version === null) {
    errors.push({ message: `version required after \`${operator.text}\``, start: operator.start, end: operator.end, everyRpm: true });
    return;
  }
  if (version.start === operator.end) {
    errors.push({ message: `rpm needs white space between \`${operator.text}\` and \`${version.text}\``, start: operator.start, end: version.end, everyRpm: true });
  }
  checkVersion(version, errors);
}

function checkVersion(version: Span, errors: DependencyError[]): void {
  const literal = literalText(version);
  // What a version may hold has changed between rpm releases (`^` since 4.15): none of these is
  // certain for every target.
  const at = { start: version.start, end: version.end, everyRpm: false };
  const illegal = /[^A-Za-z0-9._+~^:\-\u0000]/.exec(literal);
  if (illegal !== null) {
    errors.push({ message: `\`${illegal[0]}\` is not allowed in a version: \`${version.text}\``, ...at });
  }
  for (const separator of ["-", ":"]) {
    const first = literal.indexOf(separator);
    if (first !== -1 && literal.indexOf(separator, first + 1) !== -1) {
      errors.push({ message: `a version has at most one \`${separator}\`: \`${version.text}\``, ...at });
    }
  }
  const colon = literal.indexOf(":");
  if (colon !== -1 && !/^[0-9]*$/.test(literal.slice(0, colon)) && !literal.slice(0, colon).includes("\u0000")) {
    errors.push({ message: `the epoch before \`:\` must be a number: \`${version.text}\``, ...at });
  }
}

function shift(span: Span, offset: number): Span {
  return { start: span.start + offset, end: span.end + offset, text: span.text };
}

function toAbsolute(dependency: Dependency, offset: number): Dependency {
  if (dependency.kind === "simple") {
    return {
      kind: "simple",
      start: dependency.start + offset,
      end: dependency.end + offset,
      name: shift(dependency.name, offset),
      operator: dependency.operator === null ? null : shift(dependency.operator, offset),
      version: dependency.version === null ? null : shift(dependency.version, offset),
    };
  }
  return {
    kind: "rich",
    start: dependency.start + offset,
    end: dependency.end + offset,
    operator: dependency.operator,
    operands: dependency.operands.map((operand) => toAbsolute(operand, offset)),
  };
}

const CANONICAL_OPERATORS: Readonly<Record<string, string>> = { "==": "=", "=<": "<=", "=>": ">=" };

/**
 * A dependency as rpm prints it (`rpmspec -q --requires`): `name`, `name OP version` with the
 * operator in its canonical spelling, rich dependencies with single spaces.
 */
export function formatDependency(dependency: Dependency): string {
  if (dependency.kind === "simple") {
    if (dependency.operator === null) return dependency.name.text;
    const operator = CANONICAL_OPERATORS[dependency.operator.text] ?? dependency.operator.text;
    return `${dependency.name.text} ${operator} ${dependency.version?.text ?? ""}`.trimEnd();
  }
  const operands = dependency.operands.map(formatDependency);
  let text = operands[0] ?? "";
  for (let index = 1; index < operands.length; index++) {
    const conditional = dependency.operator === "if" || dependency.operator === "unless";
    const operator = conditional && index === 2 ? "else" : dependency.operator;
    text += ` ${operator} ${operands[index]}`;
  }
  return `(${text})`;
}
