/**
 * A static macro expander that follows rpm's expansion rules (rpmio/macro.c) without executing
 * anything: `%(…)`, `%{lua:…}`, `%{load:…}` and macros whose value the target data does not model
 * expand to `UNKNOWN_MARK`, with a reason, instead of a guess.
 *
 * Supported: simple and parametric macros (getopt options, `%1…`, `%*`, `%**`, `%#`, `%0`,
 * `%{-f}`, `%{-f*}`), `%{?…}`/`%{!?…}` tests with and without a `:` value, `%%`, `%[…]`
 * expressions, `%define`/`%global`/`%undefine` made during expansion, `%dnl`, and the pure
 * built-ins (`expand`, `expr`, `basename`, `dirname`, `suffix`, `shrink`, `quote`, `shescape`,
 * `lower`, `upper`, `len`, `reverse`, `rep`, `sub`, `url2path`, `macrobody`, `S`, `P`, `echo`,
 * `warn`) plus native versions of the standard parametric macros that rules meet in specs
 * (`with`, `without`, `defined`, `undefined`, `bcond*`, `py3_dist`, `py_dist_name`,
 * `pypi_source`).
 *
 * Recursion is limited to rpm's depth of 64, and each expansion to a size and step budget, so a
 * recursive or exponentially growing macro ends as unknown instead of exhausting memory.
 */
import { UNKNOWN_MARK } from "../parser/expression.js";
import { leadingNameUseEnd, scanMacroUses, splitMacroArguments } from "../parser/macros.js";
import type { MacroUse } from "../tree/nodes.js";
import { evaluateExpressionText, formatExpressionValue, truthOf } from "./condition.js";
import { detached } from "./detached.js";
import type { MacroDefinition, MacroState, MacroTable } from "./macro-table.js";
import type { Expansion } from "./types.js";

const MAX_DEPTH = 64;
const MAX_OUTPUT = 1 << 20;
const MAX_STEPS = 50_000;
const QUOTE = "\u001f";

/** A change to the global macro table made while expanding (`%global`, top-level `%define`…). */
export type MacroEffect =
  | { op: "push"; definition: MacroDefinition }
  | { op: "pop"; name: string }
  | { op: "unknown"; name: string; reason: string };

/** An expansion; a memoised one is answered again as the same object, so none is ever changed. */
export interface MarkedExpansion {
  /** The expanded text; `UNKNOWN_MARK` stands for each part that is not known. */
  readonly text: string;
  /** Why parts are unknown, without duplicates. */
  readonly unknown: readonly string[];
  readonly effects: readonly MacroEffect[];
  /**
   * The expansion as `Evaluation.expand` answers it, kept by the evaluation when first asked:
   * rules and analyses expand the same texts again and again.
   */
  answer: Expansion | null;
}

/** The effects of most expansions: one array for all of them rather than one per call. */
const NO_EFFECTS: readonly MacroEffect[] = [];
/** The reasons of most expansions, which have none. */
const NO_REASONS: readonly string[] = [];

class ExpansionAborted extends Error {}

interface Frame {
  name: string;
  /** `%1`, `%*`, `%-f`… of this invocation: literal values. */
  automatic: Map<string, string>;
  /** `%define` made while expanding this invocation: dropped when it returns. */
  locals: Map<string, MacroState>;
}

interface Run {
  offset: number;
  depth: number;
  steps: number;
  size: number;
  /** Why parts are unknown; made with the first reason (most expansions have none). */
  reasons: Set<string> | null;
  effects: MacroEffect[];
  /** Global definitions made during this expansion, newest state per name. */
  scratch: Map<string, MacroState> | null;
  frames: Frame[];
  /** The names looked up in the macro table: the expansion depends on their states only. */
  tableNames: string[];
  /** Whether the expansion used something that must not be memoised (definitions, arguments). */
  volatile: boolean;
  /** Whether it asked which names the spec defines: its result is the spec's own. */
  readsSpecNames: boolean;
  definitionStart: number | null;
}

type Builtin = (expander: Expander, run: Run, args: BuiltinCall) => string;

interface BuiltinCall {
  name: string;
  /** Expanded arguments as rpm passes them to a built-in (`argv[1…]`). */
  argv: string[];
}

const SCAN_CACHE_LIMIT = 8192;
const SHARED_EXPANSIONS_LIMIT = 16384;

const AUTOMATIC_NAME = /^(?:[0-9]+|\*\*?|#|-.*)$/;

function isAutomaticName(name: string): boolean {
  // Asked at every lookup, mostly with names that start with a letter or `_`: the pattern is
  // tried only on names that start before `A`, as digits, `*`, `#` and `-` do.
  return name.charCodeAt(0) < 0x41 && AUTOMATIC_NAME.test(name);
}

function lineEndIn(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline === -1 ? text.length : newline;
}

/** The index after the brace that closes the one at `open`, as rpm's matchchar finds it; -1 if none. */
function matchBrace(text: string, open: number): number {
  let level = 0;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "\\") {
      i += 1;
      continue;
    }
    if (ch === "}") {
      level -= 1;
      if (level <= 0) return i + 1;
    } else if (ch === "{") {
      level += 1;
    }
  }
  return -1;
}

/** A backslash and the character it escapes (a trailing backslash escapes nothing and stays). */
const ESCAPE = /\\([\s\S])/g;

/**
 * The body rpm stores for `%define name body`: blanks before it skipped, a `{…}` group unwrapped,
 * otherwise backslash escapes removed (a backslash-newline keeps the newline) and trailing white
 * space trimmed. Null when rpm rejects the body (unterminated group, empty body).
 */
export function definitionBody(raw: string): string | null {
  let start = 0;
  while (start < raw.length && (raw[start] === " " || raw[start] === "\t")) start += 1;
  if (raw[start] === "{") {
    const end = matchBrace(raw, start);
    if (end < 0) return null;
    const body = raw.slice(start + 1, end - 1);
    return body.length > 0 ? body : null;
  }
  // Most bodies have no escapes; the others are unescaped by one replace rather than built up a
  // character (and a string) at a time.
  let body = raw.includes("\\", start) ? raw.slice(start).replace(ESCAPE, "$1") : raw.slice(start);
  // Matched only from the start of a run of blanks: otherwise a long run followed by text is
  // scanned again from each of its characters (quadratic).
  body = body.replace(/(?<![ \t\r\n])[ \t\r\n]+$/, "");
  return body.length > 0 ? body : null;
}

interface ParsedDefinition {
  name: string;
  parameters: string | null;
  body: string | null;
  /** Where the text after the definition continues. */
  end: number;
}

/** Reads `name[(opts)] body` at `from` as rpm's doDefine does (the free-field body ends its line). */
export function parseDefinitionText(text: string, from: number): ParsedDefinition {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i += 1;
  const nameStart = i;
  while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i += 1;
  const name = text.slice(nameStart, i);
  let parameters: string | null = null;
  if (text[i] === "(") {
    const close = text.indexOf(")", i);
    if (close < 0) return { name, parameters: null, body: null, end: text.length };
    parameters = text.slice(i + 1, close);
    i = close + 1;
  }
  const bodyStart = i;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i += 1;
  let bodyEnd: number;
  if (text[i] === "{") {
    const close = matchBrace(text, i);
    bodyEnd = close < 0 ? text.length : close;
  } else {
    let braces = 0;
    let parens = 0;
    let brackets = 0;
    let j = i;
    while (j < text.length && (braces > 0 || parens > 0 || (text[j] !== "\n" && text[j] !== "\r"))) {
      const ch = text[j];
      if (ch === "\\" && j + 1 < text.length) {
        j += 2;
        continue;
      }
      if (ch === "%") {
        const next = text[j + 1];
        if (next === "{") braces += 1;
        else if (next === "(") parens += 1;
        else if (next === "[") brackets += 1;
        if (next === "{" || next === "(" || next === "[" || next === "%") j += 1;
      } else if (ch === "{" && braces > 0) braces += 1;
      else if (ch === "}" && braces > 0) braces -= 1;
      else if (ch === "(" && parens > 0) parens += 1;
      else if (ch === ")" && parens > 0) parens -= 1;
      else if (ch === "[" && brackets > 0) brackets += 1;
      else if (ch === "]" && brackets > 0) brackets -= 1;
      j += 1;
    }
    bodyEnd = j;
  }
  let end = bodyEnd;
  while (end < text.length && (text[end] === "\n" || text[end] === "\r")) end += 1;
  const validName = /^(?:[A-Za-z]|_[A-Za-z0-9_])/.test(name);
  return { name, parameters, body: validName ? definitionBody(text.slice(bodyStart, bodyEnd)) : null, end };
}

/** rpm's canonical Python distribution name: lower case, runs of other characters as `-`. */
export function canonicalPythonName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9[\]]+/g, "-");
}

/** Matched from the first of the trailing slashes only: a long run of slashes is not scanned quadratically. */
const TRAILING_SLASHES = /(?<!\/)\/+$/;

function posixBasename(path: string): string {
  if (path === "") return ".";
  const trimmed = path.replace(TRAILING_SLASHES, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function posixDirname(path: string): string {
  const trimmed = path.replace(TRAILING_SLASHES, "");
  if (trimmed === "") return path.startsWith("/") ? "/" : ".";
  const slash = trimmed.lastIndexOf("/");
  if (slash < 0) return ".";
  const dir = trimmed.slice(0, slash).replace(TRAILING_SLASHES, "");
  return dir === "" ? "/" : dir;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Lua's `string.sub(s, i, j)` on the characters of `s`. */
function luaSub(text: string, from: number, to: number): string {
  const length = text.length;
  let i = from < 0 ? Math.max(length + from + 1, 1) : from === 0 ? 1 : from;
  let j = to < 0 ? length + to + 1 : Math.min(to, length);
  if (i > j) return "";
  i = Math.max(i, 1);
  j = Math.max(j, 0);
  return text.slice(i - 1, j);
}

function addReason(run: Run, reason: string): void {
  (run.reasons ??= new Set()).add(reason);
}

/** A global definition made during the run (`%global`, a `%bcond`…). */
function setScratch(run: Run, name: string, state: MacroState): void {
  (run.scratch ??= new Map()).set(name, state);
}

function unknownPart(run: Run, reason: string): string {
  addReason(run, reason);
  return UNKNOWN_MARK;
}

const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["expand", (expander, run, call) => expander.expandInRun(run, call.argv[0] ?? "")],
  ["expr", (_expander, run, call) => {
    const arg = call.argv[0] ?? "";
    if (arg.includes(UNKNOWN_MARK)) return UNKNOWN_MARK;
    const result = evaluateExpressionText(arg);
    if (result.error !== null) return unknownPart(run, `rpm rejects the expression "${arg}": ${result.error.message}`);
    return formatExpressionValue(result.value) ?? UNKNOWN_MARK;
  }],
  ["basename", (_e, _run, call) => posixBasename(call.argv[0] ?? "")],
  ["dirname", (_e, _run, call) => posixDirname(call.argv[0] ?? "")],
  ["suffix", (_e, _run, call) => {
    const arg = call.argv[0] ?? "";
    const dot = arg.lastIndexOf(".");
    return dot < 0 ? "" : arg.slice(dot + 1);
  }],
  ["shrink", (_e, _run, call) => (call.argv[0] ?? "").replace(/[ \t\n\r\v\f]+/g, " ").trim()],
  ["quote", (_e, _run, call) => call.argv.map((arg) => `${QUOTE}${arg}${QUOTE}`).join(" ")],
  ["shescape", (_e, _run, call) => call.argv.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(" ")],
  ["lower", (_e, _run, call) => (call.argv[0] ?? "").toLowerCase()],
  ["upper", (_e, _run, call) => (call.argv[0] ?? "").toUpperCase()],
  ["len", (_e, _run, call) => String(utf8Length(call.argv[0] ?? ""))],
  ["reverse", (_e, _run, call) => [...(call.argv[0] ?? "")].reverse().join("")],
  ["rep", (_e, run, call) => {
    const count = Number(call.argv[1] ?? "");
    if (!Number.isInteger(count) || count > 10_000) return unknownPart(run, "%{rep:…} with a count that is not a small integer");
    return Array.from({ length: Math.max(count, 0) }, () => call.argv[0] ?? "").join(call.argv[2] ?? "");
  }],
  ["sub", (_e, run, call) => {
    const from = Number(call.argv[1] ?? "1");
    const to = Number(call.argv[2] ?? "-1");
    if (!Number.isInteger(from) || !Number.isInteger(to)) return unknownPart(run, "%{sub:…} with indices that are not integers");
    return luaSub(call.argv[0] ?? "", from, to);
  }],
  ["gsub", (_e, run) => unknownPart(run, "%{gsub:…} uses Lua patterns, which are not evaluated")],
  ["url2path", (_e, _run, call) => urlPath(call.argv[0] ?? "")],
  ["u2p", (_e, _run, call) => urlPath(call.argv[0] ?? "")],
  ["macrobody", (expander, run, call) => {
    const state = expander.lookup(run, call.argv[0] ?? "");
    if (state.kind === "defined") return state.definition.body;
    return unknownPart(run, `%{macrobody:${call.argv[0] ?? ""}} of a macro that is not known statically`);
  }],
  ["S", (expander, run, call) => expander.expandInRun(run, `%SOURCE${call.argv[0] ?? ""}`)],
  ["P", (expander, run, call) => expander.expandInRun(run, `%PATCH${call.argv[0] ?? ""}`)],
  ["echo", () => ""],
  ["warn", () => ""],
  ["trace", () => ""],
  ["dump", () => ""],
  ["getconfdir", () => "/usr/lib/rpm"],
  ["error", (_e, run, call) => unknownPart(run, `rpm stops with an error: ${call.argv[0] ?? ""}`)],
  ["lua", (_e, run) => unknownPart(run, "%{lua:…} is never executed")],
  ["load", (_e, run) => unknownPart(run, "%{load:…} would read a file, which is never done")],
  ["uncompress", (_e, run) => unknownPart(run, "%{uncompress:…} depends on a file, which is never read")],
  ["exists", (_e, run) => unknownPart(run, "%{exists:…} depends on the build host's files")],
  ["getenv", (_e, run) => unknownPart(run, "%{getenv:…} depends on the build environment")],
  ["getncpus", (_e, run) => unknownPart(run, "%{getncpus} depends on the build host")],
  ["verbose", (_e, run) => unknownPart(run, "%{verbose} depends on how rpmbuild is called")],
  ["rpmversion", (_e, run) => unknownPart(run, "%{rpmversion} is the exact rpm release of the build host")],
]);

/** Built-ins that take their argument text unexpanded, up to the end of the definition or line. */
const PARSING_BUILTINS = new Set(["define", "global", "undefine", "dnl", "lua"]);

/** rpm's built-in macros (`%{expand:…}`, `%define`, `%{lua:…}`…), which are defined everywhere. */
export function isBuiltinMacro(name: string): boolean {
  return BUILTINS.has(name) || PARSING_BUILTINS.has(name);
}

/** Standard parametric macros from rpm's and Fedora's macro files, implemented natively. */
const NATIVE_MACROS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["with", (expander, run, call) => definedFlag(expander, run, `with_${call.argv[0] ?? ""}`, "1", "0")],
  ["without", (expander, run, call) => definedFlag(expander, run, `with_${call.argv[0] ?? ""}`, "0", "1")],
  ["defined", (expander, run, call) => definedFlag(expander, run, call.argv[0] ?? "", "1", "0")],
  ["undefined", (expander, run, call) => definedFlag(expander, run, call.argv[0] ?? "", "0", "1")],
  ["bcond_with", (expander, run, call) => {
    expander.declareBcond(run, call.argv[0] ?? "", false);
    return "";
  }],
  ["bcond_without", (expander, run, call) => {
    expander.declareBcond(run, call.argv[0] ?? "", true);
    return "";
  }],
  ["bcond", (expander, run, call) => {
    const name = call.argv[0] ?? "";
    const result = evaluateExpressionText(`(${call.argv.slice(1).join(" ")})`);
    const truth = result.value === null ? null : truthOf(result.value);
    expander.declareBcond(run, name, truth);
    return "";
  }],
  ["py_dist_name", (_e, _run, call) => canonicalPythonName(call.argv[0] ?? "")],
  ["py3_dist", (expander, run, call) => {
    const pkgversion = expander.expandInRun(run, "%{python3_pkgversion}");
    return call.argv.map((name) => `python${pkgversion}dist(${canonicalPythonName(name)}) `).join("");
  }],
  ["pypi_source", (expander, run, call) => {
    let source = call.argv[0];
    if (source === undefined) {
      source = expander.expandInRun(run, "%srcname");
      if (source === "%srcname") source = expander.expandInRun(run, "%pypi_name");
      if (source === "%pypi_name") source = expander.expandInRun(run, "%name");
    }
    const version = call.argv[1] ?? expander.expandInRun(run, "%version").replaceAll("~", "");
    const extension = call.argv[2] ?? expander.expandInRun(run, "%__pypi_default_extension");
    const url = expander.expandInRun(run, "%__pypi_url");
    return `${url}${source.slice(0, 1)}/${source}/${source}-${version}.${extension}`;
  }],
]);

function definedFlag(expander: Expander, run: Run, name: string, ifDefined: string, ifUndefined: string): string {
  const state = expander.lookup(run, name);
  if (state.kind === "unknown") return unknownPart(run, state.reason);
  return state.kind === "defined" ? ifDefined : ifUndefined;
}

function urlPath(url: string): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*(\/.*)?$/.exec(url);
  if (match === null) return url;
  return match[1] ?? "/";
}

/** Splits expanded arguments on blanks, keeping `%{quote:…}` groups together. */
function splitQuoted(text: string): string[] {
  if (!text.includes(QUOTE)) return splitMacroArguments(text);
  const words: string[] = [];
  let current = "";
  let quoted = false;
  let hasWord = false;
  for (const ch of text) {
    if (ch === QUOTE) {
      quoted = !quoted;
      hasWord = true;
    } else if (!quoted && (ch === " " || ch === "\t")) {
      if (hasWord) words.push(current);
      current = "";
      hasWord = false;
    } else {
      current += ch;
      hasWord = true;
    }
  }
  if (hasWord) words.push(current);
  return words;
}

interface Options {
  flags: Map<string, string>;
  rest: string[];
  error: string | null;
}

/** getopt as rpm's macro invocation uses it: short options, stopping at `--` or the first word. */
function parseOptions(spec: string, args: readonly string[]): Options {
  const flags = new Map<string, string>();
  let index = 0;
  while (index < args.length) {
    const arg = args[index]!;
    if (arg === "--") {
      index += 1;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    for (let k = 1; k < arg.length; k += 1) {
      const letter = arg[k]!;
      const position = spec.indexOf(letter);
      if (position < 0 || letter === ":") return { flags, rest: [], error: `unknown option -${letter}` };
      if (spec[position + 1] === ":") {
        let value = arg.slice(k + 1);
        if (value === "") {
          index += 1;
          value = args[index] ?? "";
        }
        flags.set(`-${letter}`, `-${letter} ${value}`);
        flags.set(`-${letter}*`, value);
        break;
      }
      flags.set(`-${letter}`, `-${letter}`);
    }
    index += 1;
  }
  return { flags, rest: args.slice(index), error: null };
}

interface MemoisedExpansion {
  expansion: MarkedExpansion;
  /** Where the text was expanded, and the table generation there. */
  offset: number;
  generation: number;
  /** The names the expansion looked up in the table (some maybe more than once). */
  names: string[];
}

/** Names a spec defines somewhere: a set of them, or the map of where each is last defined. */
type SpecNames = Pick<ReadonlySet<string>, "has">;

const NO_SPEC_NAMES: SpecNames = new Set();

export class Expander {
  /**
   * The last expansion of each text, with what it depended on: it holds at another offset where
   * the table has the same generation, or where each name it looked up has the same state (a
   * spec with a thousand subpackages changes the table at every `Summary:`, but rarely the names
   * a given text uses).
   */
  private readonly memo = new Map<string, MemoisedExpansion>();
  /**
   * The macro uses of each text expanded (macro bodies are expanded again and again). Kept per
   * spec: most texts are slices of the spec, which a cache shared between specs would keep alive.
   */
  private readonly scans = new Map<string, readonly MacroUse[]>();

  private specNames: SpecNames | null = null;

  /**
   * @param readSpecNames gives the names the spec itself defines somewhere (`%global`, `%bcond`,
   * tags): where such a name is undefined it really is, and rpm leaves `%{name}` as it is. Read
   * when a braced use first meets an undefined name, which most specs never do.
   */
  constructor(
    private readonly table: MacroTable,
    private readonly readSpecNames: () => SpecNames = () => NO_SPEC_NAMES,
  ) {}

  /**
   * Expands `text` with the macros in effect at `offset`. `definitionStart` is the line that
   * the expansion belongs to, recorded in definitions it makes.
   */
  expand(text: string, offset: number, definitionStart: number | null = null): MarkedExpansion {
    if (!text.includes("%")) return { text, unknown: NO_REASONS, effects: NO_EFFECTS, answer: null };
    const generation = this.table.generationAt(offset);
    const cached = this.memo.get(text);
    if (cached !== undefined && this.stillHolds(cached, generation, offset)) return cached.expansion;
    const headEnd = this.macroBeforeLiteral(text);
    if (headEnd !== null) {
      // `%{_texdir}/texmf-dist/…` is the macro's value followed by the rest as written: thousands
      // of such paths then share one memoised expansion of the macro.
      const head = this.expand(text.slice(0, headEnd), offset, definitionStart);
      if (head.effects.length === 0) {
        return { text: head.text + text.slice(headEnd), unknown: head.unknown, effects: NO_EFFECTS, answer: null };
      }
    }
    // Texts such as `%{buildroot}` or `%{python3_sitelib}` mean the same in most specs.
    const shared = this.table.targetExpansions.get(text);
    if (shared !== undefined && this.table.hasTargetStates(shared.names, offset)) {
      const expansion: MarkedExpansion = { text: shared.text, unknown: shared.unknown, effects: NO_EFFECTS, answer: null };
      this.remember(text, { expansion, generation, offset, names: shared.names });
      return expansion;
    }
    const run: Run = {
      offset,
      depth: 0,
      steps: 0,
      size: 0,
      reasons: null,
      effects: [],
      scratch: null,
      frames: [],
      volatile: false,
      readsSpecNames: false,
      definitionStart,
      tableNames: [],
    };
    let expanded: string;
    try {
      expanded = this.expandInRun(run, text);
    } catch (error) {
      if (!(error instanceof ExpansionAborted)) throw error;
      addReason(run, error.message);
      expanded = UNKNOWN_MARK;
    }
    if (expanded.includes(QUOTE)) expanded = expanded.replaceAll(QUOTE, "");
    const unknown = run.reasons === null ? NO_REASONS : [...run.reasons];
    if (!run.volatile && run.effects.length === 0) {
      const expansion: MarkedExpansion = { text: expanded, unknown, effects: NO_EFFECTS, answer: null };
      this.remember(text, { expansion, generation, offset, names: run.tableNames });
      if (!run.readsSpecNames && this.table.hasTargetStates(run.tableNames, offset)) this.share(text, expanded, unknown, run.tableNames);
      return expansion;
    }
    return { text: expanded, unknown, effects: run.effects, answer: null };
  }

  private remember(text: string, expansion: MemoisedExpansion): void {
    if (this.memo.size >= 4096) this.memo.clear();
    this.memo.set(text, expansion);
  }

  /** Keeps an expansion that depends on the target's macros only for the other specs read for the target. */
  private share(text: string, expanded: string, unknown: readonly string[], names: string[]): void {
    const shared = this.table.targetExpansions;
    if (shared.size >= SHARED_EXPANSIONS_LIMIT) shared.clear();
    shared.set(detached(text), { text: detached(expanded), unknown: unknown.map(detached), names: names.map(detached) });
  }

  /**
   * Where the macro use that starts `text` ends, when it is one use without arguments followed by
   * text without macros: `%{name}rest`, or `%name/rest` (a plain name followed by `/`, so that the
   * rest is no argument and no part of the name). rpm copies the rest as it is written.
   */
  private macroBeforeLiteral(text: string): number | null {
    // The use's `%` is the text's only one; most texts that start with a macro have others.
    if (!text.startsWith("%") || text.includes("%", 1)) return null;
    const end = leadingNameUseEnd(text);
    if (end === -1 || end === text.length) return null;
    return text.includes(QUOTE, end) ? null : end;
  }

  private stillHolds(memoised: MemoisedExpansion, generation: number, offset: number): boolean {
    if (memoised.generation === generation) return true;
    const table = this.table;
    if (table.opaqueCountAt(offset) !== table.opaqueCountAt(memoised.offset)) return false;
    for (const name of memoised.names) if (table.stampAt(name, offset) !== table.stampAt(name, memoised.offset)) return false;
    return true;
  }

  /** The state of `name` as seen inside the run (invocation arguments and local definitions first). */
  lookup(run: Run, name: string): MacroState {
    if (isAutomaticName(name)) {
      const frame = run.frames[run.frames.length - 1];
      const value = frame?.automatic.get(name);
      if (value === undefined) return { kind: "undefined" };
      return {
        kind: "defined",
        definition: { name, body: value, parameters: null, start: null, written: null, eager: true, origin: "argument", unknown: [] },
      };
    }
    for (let i = run.frames.length - 1; i >= 0; i -= 1) {
      const local = run.frames[i]!.locals.get(name);
      if (local !== undefined) return local;
    }
    const scratch = run.scratch?.get(name);
    if (scratch !== undefined) return scratch;
    run.tableNames.push(name);
    return this.table.stateAt(name, run.offset);
  }

  /** Records the `with_NAME` definition of a bcond declared during expansion. */
  declareBcond(run: Run, name: string, enabledByDefault: boolean | null): void {
    const optionName = enabledByDefault === null ? null : enabledByDefault ? `_without_${name}` : `_with_${name}`;
    const target = `with_${name}`;
    if (optionName === null) {
      const reason = `the default of bcond ${name} is not known statically`;
      setScratch(run, target, { kind: "unknown", reason });
      run.effects.push({ op: "unknown", name: target, reason });
      return;
    }
    const option = this.lookup(run, optionName);
    if (option.kind === "unknown") {
      setScratch(run, target, option);
      run.effects.push({ op: "unknown", name: target, reason: option.reason });
      return;
    }
    const defined = option.kind === "defined";
    if (enabledByDefault ? defined : !defined) return;
    const definition: MacroDefinition = {
      name: target,
      body: "1",
      parameters: null,
      start: run.definitionStart,
      written: "1",
      eager: true,
      origin: "bcond",
      unknown: [],
    };
    setScratch(run, target, { kind: "defined", definition });
    run.effects.push({ op: "push", definition });
  }

  expandInRun(run: Run, text: string): string {
    if (!text.includes("%")) return text;
    run.depth += 1;
    if (run.depth > MAX_DEPTH) throw new ExpansionAborted("macro recursion is deeper than rpm allows (64 levels)");
    try {
      return this.expandText(run, text);
    } finally {
      run.depth -= 1;
    }
  }

  private usesOf(text: string): readonly MacroUse[] {
    let uses = this.scans.get(text);
    if (uses === undefined) {
      uses = scanMacroUses(text);
      if (this.scans.size >= SCAN_CACHE_LIMIT) this.scans.clear();
      this.scans.set(text, uses);
    }
    return uses;
  }

  private grow(run: Run, added: number): void {
    run.size += added;
    run.steps += 1;
    if (run.size > MAX_OUTPUT) throw new ExpansionAborted("the expansion grows beyond 1 MiB");
    if (run.steps > MAX_STEPS) throw new ExpansionAborted("the expansion takes too many steps");
  }

  private expandText(run: Run, text: string): string {
    const uses = this.usesOf(text);
    let out = "";
    let position = 0;
    let index = 0;
    while (index < uses.length) {
      const use = uses[index]!;
      if (use.start < position) {
        index += 1;
        continue;
      }
      out += text.slice(position, use.start).replaceAll("%%", "%");
      const result = this.expandUse(run, text, use);
      this.grow(run, result.text.length);
      out += result.text;
      position = result.next;
      index += 1;
    }
    out += text.slice(position).replaceAll("%%", "%");
    return out;
  }

  /** Expands one use; `next` is where the text continues (after consumed arguments). */
  private expandUse(run: Run, text: string, use: MacroUse): { text: string; next: number } {
    if (use.form === "shell") return { text: unknownPart(run, "%(…) shell commands are never executed"), next: use.end };
    if (use.form === "expression") {
      const inner = this.expandInRun(run, use.argument?.text ?? "");
      if (inner.includes(UNKNOWN_MARK)) return { text: UNKNOWN_MARK, next: use.end };
      const result = evaluateExpressionText(inner);
      if (result.error !== null) {
        return { text: unknownPart(run, `rpm rejects the expression "${inner}": ${result.error.message}`), next: use.end };
      }
      return { text: formatExpressionValue(result.value) ?? UNKNOWN_MARK, next: use.end };
    }

    const name = use.name;
    const separator = use.argument !== null && use.form === "braced" ? text[use.argument.start - 1] : undefined;
    const valueArgument = separator === ":" ? use.argument : null;
    const plainArguments = use.form === "plain" && use.argument !== null;

    if (BUILTINS.has(name) || PARSING_BUILTINS.has(name)) return this.expandBuiltin(run, text, use, separator);

    const state = this.lookupWithNative(run, name);
    if (name.startsWith("-") || use.conditional) {
      if (state.kind === "unknown") return { text: unknownPart(run, state.reason), next: use.end };
      const defined = state.kind !== "undefined";
      if (defined === use.negated) return { text: "", next: use.end };
      if (valueArgument !== null && valueArgument.start < valueArgument.end) {
        return { text: this.expandInRun(run, valueArgument.text), next: use.end };
      }
      if (state.kind === "defined") return { text: this.invoke(run, state.definition, null), next: use.end };
      if (state.kind === "native") return { text: state.builtin(this, run, { name, argv: [] }), next: use.end };
      return { text: "", next: use.end };
    }
    if (state.kind === "unknown") {
      const next = plainArguments ? lineEndIn(text, use.end) : use.end;
      return { text: unknownPart(run, state.reason), next };
    }
    if (state.kind === "undefined") {
      // rpm copies an undefined `%name` literally. In braces, a name the spec never defines is
      // almost always a macro of a build root package that the target data does not model.
      if (use.form === "braced") {
        run.readsSpecNames = true;
        if (!(this.specNames ??= this.readSpecNames()).has(name)) {
          return { text: unknownPart(run, `%{${name}} is not defined by the spec or the target's macros`), next: use.end };
        }
      }
      return { text: "%", next: use.start + 1 };
    }

    if (state.kind === "defined" && state.definition.parameters === null) {
      return { text: this.invoke(run, state.definition, null), next: use.end };
    }
    let args: string[] = [];
    let next = use.end;
    if (valueArgument !== null) {
      args = [this.expandInRun(run, valueArgument.text)];
    } else if (separator === " " && use.argument !== null) {
      args = splitQuoted(this.expandInRun(run, use.argument.text));
    } else if (plainArguments) {
      const end = lineEndIn(text, use.end);
      args = splitQuoted(this.expandInRun(run, text.slice(use.end, end)));
      next = end < text.length && text[end - 1] === "\\" ? end + 1 : end;
    }
    if (state.kind === "native") return { text: state.builtin(this, run, { name, argv: args }), next };
    return { text: this.invoke(run, state.definition, args), next };
  }

  private lookupWithNative(
    run: Run,
    name: string,
  ): MacroState | { kind: "native"; builtin: Builtin } {
    const state = this.lookup(run, name);
    const native = NATIVE_MACROS.get(name);
    if (native !== undefined && (state.kind !== "defined" || state.definition.origin === "target")) {
      return { kind: "native", builtin: native };
    }
    return state;
  }

  private expandBuiltin(
    run: Run,
    text: string,
    use: MacroUse,
    separator: string | undefined,
  ): { text: string; next: number } {
    const name = use.name;
    // Built-ins always exist: `%{?lua:…}` runs them, `%{!?lua:…}` is empty.
    if (use.negated) return { text: "", next: use.end };
    if (PARSING_BUILTINS.has(name)) {
      if (name === "lua") return { text: unknownPart(run, "%{lua:…} is never executed"), next: use.end };
      if (name === "dnl") {
        const end = lineEndIn(text, use.end);
        return { text: "", next: end < text.length ? end + 1 : end };
      }
      let source: string;
      let from: number;
      let wholeText: boolean;
      if (use.form === "braced") {
        if (use.argument === null) return { text: "", next: use.end };
        source = use.argument.text;
        from = 0;
        wholeText = true;
      } else {
        source = text;
        from = use.end;
        wholeText = false;
      }
      run.volatile = true;
      if (name === "undefine") {
        const end = wholeText ? source.length : lineEndIn(source, from);
        const target = this.expandInRun(run, source.slice(from, end)).trim().split(/[ \t]+/)[0] ?? "";
        this.undefine(run, target);
        return { text: "", next: wholeText ? use.end : end };
      }
      const parsed = parseDefinitionText(source, from);
      this.define(run, parsed, name === "global");
      return { text: "", next: wholeText ? use.end : parsed.end };
    }
    const builtin = BUILTINS.get(name)!;
    let argv: string[] = [];
    let next = use.end;
    if (use.argument !== null) {
      if (separator === ":") {
        argv = [this.expandInRun(run, use.argument.text)];
      } else if (separator === " ") {
        argv = splitQuoted(this.expandInRun(run, use.argument.text));
      } else if (use.form === "plain") {
        const end = lineEndIn(text, use.end);
        argv = splitQuoted(this.expandInRun(run, text.slice(use.end, end)));
        next = end;
      }
    }
    if (argv.some((arg) => arg.includes(UNKNOWN_MARK)) && name !== "expand" && name !== "quote") {
      return { text: UNKNOWN_MARK, next };
    }
    return { text: builtin(this, run, { name, argv }), next };
  }

  private define(run: Run, parsed: ParsedDefinition, global: boolean): void {
    if (parsed.body === null) return;
    let body = parsed.body;
    let unknown: string[] = [];
    if (global) {
      const before = run.reasons?.size ?? 0;
      body = this.expandInRun(run, body);
      unknown = run.reasons === null ? [] : [...run.reasons].slice(before);
    }
    const definition: MacroDefinition = {
      name: parsed.name,
      body,
      parameters: parsed.parameters,
      start: run.definitionStart,
      written: parsed.body,
      eager: global,
      origin: "spec",
      unknown,
    };
    const state: MacroState = { kind: "defined", definition };
    const frame = run.frames[run.frames.length - 1];
    if (!global && frame !== undefined) {
      frame.locals.set(parsed.name, state);
      return;
    }
    setScratch(run, parsed.name, state);
    run.effects.push({ op: "push", definition });
  }

  private undefine(run: Run, name: string): void {
    if (name === "" || name.includes(UNKNOWN_MARK)) return;
    for (let i = run.frames.length - 1; i >= 0; i -= 1) {
      if (run.frames[i]!.locals.delete(name)) return;
    }
    setScratch(run, name, { kind: "undefined" });
    run.effects.push({ op: "pop", name });
  }

  /** Expands a macro's body; `args` (null for a simple use) become `%1…` of a parametric macro. */
  private invoke(run: Run, definition: MacroDefinition, args: string[] | null): string {
    for (const reason of definition.unknown) addReason(run, reason);
    if (definition.origin === "argument") return definition.body;
    if (definition.parameters === null || args === null) return this.expandInRun(run, definition.body);
    const words = args ?? [];
    const automatic = new Map<string, string>();
    automatic.set("0", definition.name);
    automatic.set("**", words.join(" "));
    let rest = words;
    if (definition.parameters !== "-") {
      const options = parseOptions(definition.parameters, words);
      if (options.error !== null) return unknownPart(run, `%${definition.name}: ${options.error}`);
      for (const [flag, value] of options.flags) automatic.set(flag, value);
      rest = options.rest;
    }
    automatic.set("#", String(rest.length));
    rest.forEach((word, i) => automatic.set(String(i + 1), word));
    automatic.set("*", rest.join(" "));
    run.frames.push({ name: definition.name, automatic, locals: new Map() });
    try {
      return this.expandInRun(run, definition.body);
    } finally {
      run.frames.pop();
    }
  }
}
