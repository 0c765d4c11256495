/**
 * Calls of parametric macros (`%pyproject_save_files -l foo`, `%{pytest -k x}`) with their
 * arguments read as the target sees them: each argument word expanded, and the options read the
 * way rpm's getopt reads them for the macro (`-lM`, `-x EXTRA`, `-xEXTRA`).
 */
import { plainMacroArguments, scanMacroUses } from "../parser/macros.js";
import { scanShell, shellWordValues } from "../parser/shell.js";
import type { Span, TagLine } from "../tree/nodes.js";
import { expandedUsesOfAny, type ExpandedMacroUse } from "./macro-uses.js";
import { PerEvaluationMemo } from "./memo.js";
import { usesPyprojectBuildSystem } from "./python-scope.js";
import type { Evaluation } from "./types.js";

export interface MacroArgumentWord {
  /** The word as written (quotes included). */
  span: Span;
  /** The words it stands for after expansion and quote removal; null when not known statically. */
  values: string[] | null;
}

export interface MacroCall extends ExpandedMacroUse {
  /** The argument text (backslash-newline continuations included); null when called without. */
  argument: Span | null;
  words: MacroArgumentWord[];
}

export interface MacroOption {
  letter: string;
  /** The argument word that holds the option. */
  word: MacroArgumentWord;
  /** The option's value for the letters that take one; null otherwise (or when missing). */
  value: string | null;
}

export interface MacroPositional {
  value: string;
  word: MacroArgumentWord;
}

export interface MacroOptions {
  options: MacroOption[];
  positionals: MacroPositional[];
  /** Some argument word could not be expanded: options and positionals may be missing. */
  unknown: boolean;
}

/** `%pyproject_save_files`: records which installed files a package ships. */
export const SAVE_FILES_MACRO = "pyproject_save_files";

/**
 * The `BuildOption` qualifier whose value `BuildSystem: pyproject` passes to
 * `%pyproject_save_files` (other build systems give it to their own install step).
 */
export const SAVE_FILES_BUILD_OPTION = "install";

/**
 * The calls of the named macros that rpm expands for the target, in file order. The calls are
 * shared with the other rules that ask about the same macro (`%pyproject_save_files` is read by
 * several): callers must not change them.
 */
export function macroCalls(evaluation: Evaluation, names: Iterable<string>): MacroCall[] {
  const calls: MacroCall[] = [];
  for (const expanded of expandedUsesOfAny(evaluation, names)) {
    const { use } = expanded;
    if (use.conditional || use.negated) continue;
    calls.push(callsOfUses.get(evaluation, expanded));
  }
  return calls;
}

const callsOfUses = new PerEvaluationMemo<ExpandedMacroUse, MacroCall>((evaluation, expanded) => {
  const text = evaluation.tree.text;
  const { use } = expanded;
  let argument: Span | null = null;
  if (use.form === "braced") {
    argument = use.argument;
  } else if (use.form === "plain") {
    const plain = plainMacroArguments(text, use);
    if (plain !== null) argument = clipToEnclosingBody(text, use.start, plain.start, continuedEnd(text, plain.end));
  }
  const words = argument === null ? [] : argumentWords(evaluation, argument.start, argument.end);
  // Spelled out: spreading the use into a wider object took the slow generic copy, per call.
  return { use, section: expanded.section, line: expanded.line, liveness: expanded.liveness, definition: expanded.definition, argument, words };
});

export interface BuildOptionTag {
  tag: TagLine;
  words: MacroArgumentWord[];
}

/**
 * The `BuildOption(QUALIFIER):` tag lines that are not dead, with their expanded argument words,
 * in a spec with `BuildSystem: pyproject`: the arguments rpm passes to that step's pyproject macro
 * (`install`: `%pyproject_save_files`). Empty for any other spec.
 */
export function pyprojectBuildOptions(evaluation: Evaluation, qualifier: string): BuildOptionTag[] {
  if (!usesPyprojectBuildSystem(evaluation)) return [];
  const options: BuildOptionTag[] = [];
  for (const section of evaluation.tree.sections) {
    for (const line of section.lines) {
      if (line.type !== "TagLine" || line.name !== "buildoption" || line.qualifiers?.text.trim() !== qualifier) continue;
      if (evaluation.livenessAt(line.start) === "dead") continue;
      options.push({ tag: line, words: argumentWords(evaluation, line.value.start, line.value.end) });
    }
  }
  return options;
}

/** The argument words in `text[start, end)` (a macro's arguments, a `BuildOption` value), expanded. */
export function argumentWords(evaluation: Evaluation, start: number, end: number): MacroArgumentWord[] {
  const text = evaluation.tree.text;
  const words: MacroArgumentWord[] = [];
  for (const command of scanShell(text, start, end).commands) {
    for (const word of command.words) {
      const written = text.slice(word.start, word.end);
      let values: string[] | null = [word.value];
      if (written.includes("%")) {
        const expanded = evaluation.expand(written, word.start).value;
        values = expanded === null ? null : shellWordValues(expanded);
      }
      words.push({ span: { start: word.start, end: word.end, text: written }, values });
    }
  }
  return words;
}

/**
 * Reads options as getopt does for a parametric macro: `valueLetters` take a value (attached or
 * the next word); a cluster of other letters sets each; `--` ends the options; the remaining
 * words are positional (rpm's getopt permutes, so options may follow positionals).
 */
export function readMacroOptions(words: readonly MacroArgumentWord[], valueLetters: string): MacroOptions {
  const values: Array<{ value: string; word: MacroArgumentWord }> = [];
  let unknown = false;
  for (const word of words) {
    if (word.values === null) unknown = true;
    else for (const value of word.values) values.push({ value, word });
  }
  const options: MacroOption[] = [];
  const positionals: MacroPositional[] = [];
  let onlyPositionals = false;
  for (let index = 0; index < values.length; index++) {
    const { value, word } = values[index]!;
    if (onlyPositionals || !value.startsWith("-") || value === "-") {
      positionals.push({ value, word });
      continue;
    }
    if (value === "--") {
      onlyPositionals = true;
      continue;
    }
    for (let at = 1; at < value.length; at++) {
      const letter = value[at]!;
      if (!valueLetters.includes(letter)) {
        options.push({ letter, word, value: null });
        continue;
      }
      let optionValue: string | null = null;
      if (at + 1 < value.length) optionValue = value.slice(at + 1);
      else if (index + 1 < values.length) optionValue = values[++index]!.value;
      options.push({ letter, word, value: optionValue });
      break;
    }
  }
  return { options, positionals, unknown };
}

/**
 * The end of a macro's arguments that start on a line ending at `lineEnd`: rpm lets them go on
 * over lines that end in a backslash.
 */
function continuedEnd(text: string, lineEnd: number): number {
  let end = lineEnd;
  for (;;) {
    const newline = text[end] === "\r" ? end + 1 : end;
    if (text[newline] !== "\n" || text[end - 1] !== "\\") return end;
    let next = text.indexOf("\n", newline + 1);
    if (next === -1) next = text.length;
    end = text[next - 1] === "\r" ? next - 1 : next;
  }
}

/** Inside `%{?cond:%name args}` the arguments end where the enclosing body ends. */
function clipToEnclosingBody(text: string, useStart: number, start: number, end: number): Span {
  const lineStart = text.lastIndexOf("\n", useStart - 1) + 1;
  let clipped = end;
  for (const outer of scanMacroUses(text, lineStart, end)) {
    if (outer.form === "braced" && outer.argument !== null && outer.start < useStart && useStart < outer.end) {
      clipped = Math.min(clipped, outer.argument.end);
    }
  }
  return { start, end: clipped, text: text.slice(start, clipped) };
}
