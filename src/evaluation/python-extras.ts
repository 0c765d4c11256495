/**
 * Python extras in a spec: hand-written extras subpackages (`%package -n python3-foo+bar`) and the
 * invocations of the macros that generate them (`%pyproject_extras_subpkg`,
 * `%python_extras_subpkg`), with their options and extra names located in the text.
 */
import { plainMacroArguments, scanMacroUses } from "../parser/macros.js";
import { occurrenceFinder } from "../text/occurrences.js";
import type { LineNode, MacroUse, Section, Span } from "../tree/nodes.js";
import {
  isLibraryPackageName,
  pythonScope,
  shipsImportableContent,
  shipsMetadata,
  type PackageContents,
  type PythonScope,
} from "./python-scope.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation, Liveness } from "./types.js";

/** `base+extra` split at the last `+` that is not part of a run of `+` ending the name. */
export interface ExtrasName {
  base: string;
  extra: string;
}

/**
 * Splits a resolved package name into base package and extra; null when the name has no `+`
 * before its end (`python3-libkdtree++` keeps its trailing `+` signs as part of the name).
 */
export function splitExtrasName(name: string): ExtrasName | null {
  // From the first of the trailing `+` only: a long run of them is not scanned quadratically.
  const trimmed = name.replace(/(?<!\+)\++$/, "");
  const plus = trimmed.lastIndexOf("+");
  if (plus <= 0) return null;
  return { base: name.slice(0, plus), extra: name.slice(plus + 1) };
}

/** PEP 503 normalisation of a project name: lower case, runs of `-`, `_`, `.` become `-`. */
export function canonicalProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** PEP 685 normalisation of an extra name (the same rule as for project names). */
export function normalizeExtraName(extra: string): string {
  return canonicalProjectName(extra);
}

/** A hand-written subpackage `BASE+EXTRA` of a Python base package built by the same spec. */
export interface HandWrittenExtras {
  contents: PackageContents;
  /** The resolved name of the subpackage. */
  name: string;
  base: PackageContents;
  baseName: string;
  extra: string;
}

const extrasOf = oncePerEvaluation((evaluation) => findHandWrittenExtras(evaluation));

/**
 * The hand-written extras subpackages that rpm builds for the target (packages whose name
 * does not resolve statically are left out: they are not guessed).
 */
export function handWrittenExtras(evaluation: Evaluation): readonly HandWrittenExtras[] {
  return extrasOf(evaluation);
}

function findHandWrittenExtras(evaluation: Evaluation): HandWrittenExtras[] {
  const scope = pythonScope(evaluation);
  const found: HandWrittenExtras[] = [];
  for (const contents of scope.packages) {
    const { name, header } = contents.package;
    if (header === null || name === null || !contents.built) continue;
    const split = splitExtrasName(name);
    if (split === null) continue;
    const base = scope.packageNamed(split.base);
    if (base === undefined || base === contents) continue;
    if (!isPythonExtras(evaluation, scope, contents, base, name)) continue;
    found.push({ contents, name, base, baseName: split.base, extra: split.extra });
  }
  return found;
}

/** The `+` names a Python extra: the packages are Python library packages or ship Python metadata. */
function isPythonExtras(
  evaluation: Evaluation,
  scope: PythonScope,
  extras: PackageContents,
  base: PackageContents,
  name: string,
): boolean {
  const offset = extras.package.header?.start ?? 0;
  return (
    isLibraryPackageName(name, evaluation, offset) ||
    shipsMetadata(extras) ||
    shipsMetadata(base) ||
    shipsImportableContent(base) ||
    (scope.shipsLibrary && base.package.name !== null && isLibraryPackageName(base.package.name, evaluation, offset))
  );
}

export type ExtrasMacroName = "pyproject_extras_subpkg" | "python_extras_subpkg";

const EXTRAS_MACROS: ReadonlySet<string> = new Set<ExtrasMacroName>(["pyproject_extras_subpkg", "python_extras_subpkg"]);

/**
 * Options of the extras macros that take a value: `%python_extras_subpkg(n:i:f:FaA)`, and
 * `-D` (the distribution name) that newer `%pyproject_extras_subpkg` also takes.
 */
const VALUE_OPTIONS = new Set(["n", "i", "f", "D"]);

/** Long spellings newer `%pyproject_extras_subpkg` accepts, by their short option. */
const LONG_OPTIONS: ReadonlyMap<string, string> = new Map([
  ["name", "n"],
  ["dist-name", "D"],
]);

export interface MacroOption {
  /** The option letter without `-`. */
  letter: string;
  /** The word that holds the option (`-n`, or `-aF` for clustered flags). */
  span: Span;
  value: Span | null;
}

/** One extra name given to an extras macro. */
export interface MacroExtra {
  /** The text as written; for a macro-expanded word, the whole word. */
  span: Span;
  /** The extra name after expansion, or null when it cannot be expanded statically. */
  name: string | null;
}

export interface ExtrasMacroCall {
  macro: ExtrasMacroName;
  use: MacroUse;
  line: LineNode;
  section: Section;
  liveness: Liveness;
  options: MacroOption[];
  extras: MacroExtra[];
  /** The `-n` value after expansion; null when absent or not expandable. */
  baseName: string | null;
  /**
   * Lines directly after the call continue the `%files` section the macro generates last
   * (extra files the metapackage ships).
   */
  continuesFiles: boolean;
}

const callsOf = oncePerEvaluation((evaluation) => findExtrasMacroCalls(evaluation));

/** Every invocation of an extras macro on a line that is not dead, in file order. */
export function extrasMacroCalls(evaluation: Evaluation): ExtrasMacroCall[] {
  return callsOf(evaluation);
}

function findExtrasMacroCalls(evaluation: Evaluation): ExtrasMacroCall[] {
  const { tree } = evaluation;
  const found: ExtrasMacroCall[] = [];
  // Both macros' names end so; most specs call neither, and need no line-by-line scan, and the
  // specs that do call them need no macro scan of the other lines.
  const namesExtrasMacro = occurrenceFinder(tree.text, "_extras_subpkg");
  if (!namesExtrasMacro(0, tree.text.length)) return found;
  for (const section of tree.sections) {
    if (section.kind === "changelog") continue;
    section.lines.forEach((line, index) => {
      // After a `%files` section the parser reads a call as a path line.
      if (line.type !== "TextLine" && line.type !== "FilesLine") return;
      const range = lineContent(tree.text, line);
      if (!namesExtrasMacro(range.start, range.end)) return;
      const liveness = evaluation.livenessAt(line.start);
      if (liveness === "dead") return;
      const uses = scanMacroUses(tree.text, range.start, range.end);
      const lineCalls: ExtrasMacroCall[] = [];
      for (const use of uses) {
        if (!EXTRAS_MACROS.has(use.name)) continue;
        const argument = callArguments(tree.text, use, uses);
        if (argument === undefined) continue;
        const { options, positionals } = parseOptions(argument);
        const base = options.find((option) => option.letter === "n")?.value ?? null;
        lineCalls.push({
          macro: use.name as ExtrasMacroName,
          use,
          line,
          section,
          liveness,
          options,
          extras: positionals.flatMap((word) => extraNames(evaluation, word)),
          baseName: base === null ? null : evaluation.expand(base.text, base.start).value,
          continuesFiles: false,
        });
      }
      const last = lineCalls[lineCalls.length - 1];
      if (last !== undefined) last.continuesFiles = nextLineContinuesFiles(tree.text, section.lines, index);
      found.push(...lineCalls);
    });
  }
  return found;
}

/**
 * The argument text of an extras macro use; null when called without arguments, undefined for
 * a `%{?name:…}` test whose body holds the actual call.
 */
function callArguments(text: string, use: MacroUse, uses: readonly MacroUse[]): Span | null | undefined {
  if (use.form === "braced") {
    if (use.conditional || use.negated) return undefined;
    return use.argument;
  }
  if (use.form !== "plain") return undefined;
  const argument = plainMacroArguments(text, use);
  if (argument === null) return null;
  // Inside `%{?x:%x …}` the arguments end where the enclosing body ends.
  let end = argument.end;
  for (const outer of uses) {
    if (outer.form === "braced" && outer.start < use.start && use.end <= outer.end && outer.argument !== null) {
      end = Math.min(end, outer.argument.end);
    }
  }
  return { start: argument.start, end, text: text.slice(argument.start, end) };
}

/** Words of `argument`, split on blanks, with their offsets. */
function words(argument: Span): Span[] {
  const result: Span[] = [];
  for (const match of argument.text.matchAll(/[^ \t]+/g)) {
    const start = argument.start + match.index;
    result.push({ start, end: start + match[0].length, text: match[0] });
  }
  return result;
}

function parseOptions(argument: Span | null): { options: MacroOption[]; positionals: Span[] } {
  const options: MacroOption[] = [];
  const positionals: Span[] = [];
  if (argument === null) return { options, positionals };
  const all = words(argument);
  let onlyPositionals = false;
  for (let index = 0; index < all.length; index += 1) {
    const word = all[index]!;
    if (onlyPositionals || !word.text.startsWith("-") || word.text.length === 1) {
      positionals.push(word);
      continue;
    }
    if (word.text === "--") {
      onlyPositionals = true;
      continue;
    }
    if (word.text.startsWith("--")) {
      const equals = word.text.indexOf("=");
      const long = word.text.slice(2, equals === -1 ? undefined : equals);
      const letter = LONG_OPTIONS.get(long) ?? long;
      let value: Span | null = null;
      if (equals !== -1) {
        value = { start: word.start + equals + 1, end: word.end, text: word.text.slice(equals + 1) };
      } else if (VALUE_OPTIONS.has(letter) && index + 1 < all.length) {
        index += 1;
        value = all[index]!;
      }
      options.push({ letter, span: word, value });
      continue;
    }
    for (let at = 1; at < word.text.length; at += 1) {
      const letter = word.text[at]!;
      if (!VALUE_OPTIONS.has(letter)) {
        options.push({ letter, span: word, value: null });
        continue;
      }
      let value: Span | null = null;
      if (at + 1 < word.text.length) {
        value = { start: word.start + at + 1, end: word.end, text: word.text.slice(at + 1) };
      } else if (index + 1 < all.length) {
        index += 1;
        value = all[index]!;
      }
      options.push({ letter, span: word, value });
      break;
    }
  }
  return { options, positionals };
}

/** The extra names in one positional word: separated by commas, possibly written with macros. */
function extraNames(evaluation: Evaluation, word: Span): MacroExtra[] {
  if (!word.text.includes("%")) {
    const result: MacroExtra[] = [];
    let offset = 0;
    for (const part of word.text.split(",")) {
      if (part.length > 0) {
        const start = word.start + offset;
        result.push({ span: { start, end: start + part.length, text: part }, name: part });
      }
      offset += part.length + 1;
    }
    return result;
  }
  const expanded = evaluation.expand(word.text, word.start).value;
  if (expanded === null) return [{ span: word, name: null }];
  return expanded
    .split(/[\s,]+/)
    .filter((part) => part.length > 0)
    .map((name) => ({ span: word, name }));
}

/** The text of a line without its newline. */
function lineContent(text: string, line: LineNode): { start: number; end: number } {
  if (line.type === "TextLine") return line.content;
  let end = line.end;
  if (end > line.start && text[end - 1] === "\n") end -= 1;
  if (end > line.start && text[end - 1] === "\r") end -= 1;
  return { start: line.start, end };
}

function nextLineContinuesFiles(text: string, lines: readonly LineNode[], index: number): boolean {
  const next = lines[index + 1];
  if (next === undefined || (next.type !== "TextLine" && next.type !== "FilesLine")) return false;
  const range = lineContent(text, next);
  if (scanMacroUses(text, range.start, range.end).some((use) => EXTRAS_MACROS.has(use.name))) return false;
  return text.slice(range.start, range.end).trim().length > 0;
}
