/**
 * The shell of a spec's scriptlets as rpm would run it for the target: each section that holds
 * shell, read with the shell reader over the target's view of the text (dead lines and rpm's own
 * directives blanked out, `%{?name:…}` bodies kept or dropped as the macro is defined).
 */
import { scanMacroUses, wholeMacroUse } from "../parser/macros.js";
import {
  commandBaseName,
  invocations,
  parseSedScript,
  scanShell,
  sedScripts,
  type ShellCommand,
  type ShellScript,
  type ShellWord,
} from "../parser/shell.js";
import type { Section } from "../tree/nodes.js";
import { lastAtOrBefore } from "./macro-table.js";
import { oncePerEvaluation, PerEvaluationMemo } from "./memo.js";
import { INSTALL_SCRIPT_SECTIONS, SCRIPT_SECTIONS } from "../parser/section-header.js";
import { evaluatedShellView, isVerbatimScriptSection } from "./shell-view.js";
import type { Evaluation } from "./types.js";

/** Interpreters of `%post -p …` that are still the shell. */
const SHELLS: ReadonlySet<string> = new Set(["/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash"]);

export interface SectionScript {
  section: Section;
  script: ShellScript;
  /**
   * The text the script was read from, at the spec text's offsets: the spec text itself, or the
   * shell view (`evaluatedShellView`) for a section with lines the view blanks or rewrites.
   */
  text: string;
}

const scriptsOf = oncePerEvaluation<readonly SectionScript[]>((evaluation) => readScripts(evaluation));

/**
 * The build-time and install-time scripts of the spec, one per section whose header is not dead,
 * in file order. A scriptlet run by another interpreter (`%post -p <lua>`) is left out.
 */
export function shellScripts(evaluation: Evaluation): readonly SectionScript[] {
  return scriptsOf(evaluation);
}

function readScripts(evaluation: Evaluation): SectionScript[] {
  const { tree } = evaluation;
  const scripts: SectionScript[] = [];
  for (const section of tree.sections) {
    if (!SCRIPT_SECTIONS.has(section.kind)) continue;
    if (section.header !== null && evaluation.livenessAt(section.header.start) === "dead") continue;
    // `-p PROGRAM` names a scriptlet's interpreter; on a build section (`%build -p`, rpm 4.20)
    // it prepends the section to the one the build system supplies, and the text is still shell.
    if (INSTALL_SCRIPT_SECTIONS.has(section.kind) && section.header?.options.some((option) => option.flag.text === "-p" && !SHELLS.has(option.value?.text ?? "")) === true) continue;
    const first = section.lines[0];
    const last = section.lines[section.lines.length - 1];
    if (first === undefined || last === undefined) continue;
    const text = isVerbatimScriptSection(evaluation, section) ? tree.text : evaluatedShellView(evaluation);
    scripts.push({ section, script: scanShell(text, first.start, last.end), text });
  }
  return scripts;
}

// A dozen rules ask about the same command words.
const resolvedWords = new PerEvaluationMemo<ShellWord, string>(
  (evaluation, word) => evaluation.expand(word.value, word.start).value ?? word.value,
);

/** A word's value with its macros expanded for the target (`%{__rm}` → `/usr/bin/rm`); as written when that is not known. */
export function resolvedWordValue(evaluation: Evaluation, word: ShellWord): string {
  return word.value.includes("%") ? resolvedWords.get(evaluation, word) : word.value;
}

const resolvedNames = new PerEvaluationMemo<ShellWord, string>((evaluation, word) => commandBaseName(resolvedWordValue(evaluation, word)));

/**
 * The base name of a command word with its macros expanded (`%{__sed}` → `sed`): what
 * `commandBaseName(resolvedWordValue(…))` gives, kept per word. A macro's value can be a whole
 * script (`%configure`), and each command name is asked for several times.
 */
export function resolvedCommandName(evaluation: Evaluation, word: ShellWord): string {
  const value = word.value;
  return value.includes("%") || value.includes("/") ? resolvedNames.get(evaluation, word) : value;
}

/**
 * A set of text offsets kept as runs: the offsets of a word are mostly consecutive, so a sed
 * script of a thousand characters is a few runs rather than a thousand set entries.
 */
export class OffsetRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Builds the set from runs `[start, end)` given in any order, overlapping or not. */
  constructor(runs: readonly (readonly [number, number])[]) {
    for (const [start, end] of [...runs].sort((a, b) => a[0] - b[0])) {
      const last = this.ends.length - 1;
      if (last >= 0 && start <= this.ends[last]!) this.ends[last] = Math.max(this.ends[last]!, end);
      else {
        this.starts.push(start);
        this.ends.push(end);
      }
    }
  }

  has(offset: number): boolean {
    const index = lastAtOrBefore(this.starts, offset);
    return index >= 0 && offset < this.ends[index]!;
  }
}

/**
 * Offsets of the spec text that a command searches for rather than writes: everything in a `sed`
 * script (or a `perl -e` substitution) except the replacement and the text of `a`/`i`/`c`, the
 * pattern of `grep`, and the `-name`/`-path`/`-regex` patterns of `find`.
 */
export function searchedTextOffsets(evaluation: Evaluation): OffsetRanges {
  return searchedOffsetsOf(evaluation);
}

const searchedOffsetsOf = oncePerEvaluation((evaluation) => findSearchedOffsets(evaluation));

function findSearchedOffsets(evaluation: Evaluation): OffsetRanges {
  const runs: [number, number][] = [];
  const addOffset = (offset: number): void => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === offset) last[1] = offset + 1;
    else runs.push([offset, offset + 1]);
  };
  const addScript = (word: ShellWord): void => {
    const written = new Set<number>();
    for (const sed of parseSedScript(word.value)) {
      for (const index of [...(sed.replacement?.indices ?? []), ...(sed.text?.indices ?? [])]) written.add(index);
    }
    for (let index = 0; index < word.value.length; index++) {
      if (!written.has(index)) addOffset(word.offsetAt(index));
    }
  };
  const addWord = (word: ShellWord | undefined): void => {
    if (word === undefined) return;
    for (let index = 0; index < word.value.length; index++) addOffset(word.offsetAt(index));
  };
  for (const { words, name } of scriptInvocations(evaluation)) {
    if (name === "sed") {
      sedScripts(words).forEach(addScript);
    } else if (name === "perl") {
      // `perl -pi -e 's|old|new|'`: the word after an option cluster ending in `e`.
      words.forEach((word, index) => {
        if (index > 0 && /^-[a-z]*e$/.test(words[index - 1]!.value)) addScript(word);
      });
    } else if (name === "grep" || name === "egrep" || name === "fgrep") {
      addWord(words.slice(1).find((word) => !word.value.startsWith("-")));
    } else if (name === "find") {
      words.forEach((word, index) => {
        if (index > 0 && /^-i?(?:name|path|wholename|regex)$/.test(words[index - 1]!.value)) addWord(word);
      });
    }
  }
  return new OffsetRanges(runs);
}

/** One command a script runs: its words from the command name on, with the name resolved. */
export interface ScriptInvocation {
  section: Section;
  command: ShellCommand;
  words: readonly ShellWord[];
  /** The base name of the command word with its macros expanded (`%{__sed}` → `sed`). */
  name: string;
}

interface InvocationIndex {
  /** What `invocations` gives for each command of `shellScripts`, in file order. */
  direct: readonly ScriptInvocation[];
  /** What `commandInvocations` gives for each command of `shellScripts`, in file order. */
  run: readonly ScriptInvocation[];
  /** `commandInvocations` of each command of `shellScripts`. */
  runByCommand: ReadonlyMap<ShellCommand, readonly (readonly ShellWord[])[]>;
}

// A dozen rules walk the commands of the scripts: each reading them again and resolving their
// names cost more than all their checks.
const invocationIndexOf = oncePerEvaluation((evaluation): InvocationIndex => {
  const resolve = (word: ShellWord): string => resolvedCommandName(evaluation, word);
  const direct: ScriptInvocation[] = [];
  const run: ScriptInvocation[] = [];
  const runByCommand = new Map<ShellCommand, readonly (readonly ShellWord[])[]>();
  for (const { section, script } of shellScripts(evaluation)) {
    for (const command of script.commands) {
      const found = invocations(command, resolve);
      const ran = throughRunners(evaluation, found);
      runByCommand.set(command, ran);
      for (const words of found) {
        const invocation: ScriptInvocation = { section, command, words, name: resolve(words[0]!) };
        direct.push(invocation);
        // Most commands run through no runner: the same invocation serves both lists.
        if (ran === found) run.push(invocation);
      }
      if (ran !== found) for (const words of ran) run.push({ section, command, words, name: resolve(words[0]!) });
    }
  }
  return { direct, run, runByCommand };
});

/** The invocations (see `invocations`) of every command of `shellScripts`, in file order. */
export function scriptInvocations(evaluation: Evaluation): readonly ScriptInvocation[] {
  return invocationIndexOf(evaluation).direct;
}

/** The invocations (see `commandInvocations`) of every command of `shellScripts`, in file order. */
export function scriptCommandInvocations(evaluation: Evaluation): readonly ScriptInvocation[] {
  return invocationIndexOf(evaluation).run;
}

/** Commands that run the rest of their words as a command, with their options that take a value. */
const RUNNERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["xvfb-run", new Set(["-s", "-n", "-e", "-f", "-w", "-p", "--server-args", "--server-num", "--error-file", "--auth-file", "--wait"])],
  ["dbus-run-session", new Set(["--config-file", "--dbus-daemon"])],
]);

/** Macros that stand for environment assignments before the command they prefix. */
const ENVIRONMENT_MACROS: ReadonlySet<string> = new Set(["py3_test_envvars", "set_build_flags"]);

/**
 * The commands a shell command runs (see `invocations`), also looking through test runners'
 * wrappers (`xvfb-run -a`, `dbus-run-session --`) and `%{py3_test_envvars}` prefixes.
 */
export function commandInvocations(evaluation: Evaluation, command: ShellCommand): readonly (readonly ShellWord[])[] {
  return invocationIndexOf(evaluation).runByCommand.get(command) ?? invocationsOfOtherCommands.get(evaluation, command);
}

// Commands read from other text than the scripts (a rule scanning a dead branch).
const invocationsOfOtherCommands = new PerEvaluationMemo<ShellCommand, readonly (readonly ShellWord[])[]>((evaluation, command) =>
  throughRunners(evaluation, invocations(command, (word) => resolvedCommandName(evaluation, word))),
);

/** `found` itself when no invocation in it runs through a runner or an environment prefix. */
function throughRunners(evaluation: Evaluation, found: ShellWord[][]): ShellWord[][] {
  let result: ShellWord[][] | null = null;
  for (let at = 0; at < found.length; at++) {
    const words = found[at]!;
    let index = 0;
    for (;;) {
      const word = words[index];
      if (word === undefined) break;
      const only = mayNameEnvironmentMacro(word.value) ? wholeMacroUse(word.value) : null;
      if (only !== null && ENVIRONMENT_MACROS.has(only.name)) {
        index++;
        continue;
      }
      const valueOptions = RUNNERS.get(resolvedCommandName(evaluation, word));
      if (valueOptions === undefined) break;
      index++;
      while (index < words.length && words[index]!.value.startsWith("-")) {
        const option = words[index]!.value;
        index += valueOptions.has(option) ? 2 : 1;
        if (option === "--") break;
      }
    }
    if (index === 0 && result === null) continue;
    result ??= found.slice(0, at);
    if (index === 0) result.push(words);
    else if (index < words.length) result.push(words.slice(index));
  }
  return result ?? found;
}

/** Whether a word may be one of `ENVIRONMENT_MACROS`: most command words name none, and need no macro scan. */
function mayNameEnvironmentMacro(value: string): boolean {
  for (const name of ENVIRONMENT_MACROS) if (value.includes(name)) return true;
  return false;
}

/** `python`, `python3`, `python3.12`, `python2.7`: a CPython command name (which may run pathfix.py). */
export const PYTHON_COMMAND = /^python(?:\d+(?:\.\d+)?)?$/;
/** `pathfix.py`, `pathfix3.12.py`: the shebang fixer of CPython's Tools/scripts, no longer shipped. */
const PATHFIX = /^pathfix(?:\d+(?:\.\d+)?)?\.py$/;

/**
 * Where in an invocation (as `invocations` gives it) the pathfix.py it runs is: 0 when the
 * command is pathfix.py, the program's index for `python3 pathfix.py …`, -1 when it runs none.
 * `name` is the command's resolved base name, when the caller has it.
 */
export function pathfixIndex(
  evaluation: Evaluation,
  words: readonly ShellWord[],
  name = resolvedCommandName(evaluation, words[0]!),
): number {
  if (PATHFIX.test(name)) return 0;
  if (!PYTHON_COMMAND.test(name)) return -1;
  const program = words.findIndex((word, index) => index > 0 && !word.value.startsWith("-"));
  return program !== -1 && PATHFIX.test(resolvedCommandName(evaluation, words[program]!)) ? program : -1;
}

/**
 * `python`, `python3`, `python3.12`, `pypy3`: a Python interpreter's command name. Wider than
 * `PYTHON_COMMAND` (which names the CPython that may run pathfix.py): PyPy, and `python.12`.
 */
const INTERPRETER_NAME = /^(?:python|pypy)\d*(?:\.\d+)?$/;

/**
 * The word runs a Python interpreter: its resolved name is one (`%{python3}`, `/usr/bin/python3`),
 * or it is a macro the target cannot resolve whose name says Python (`%{pyver_bin}`).
 */
export function isPythonInterpreterWord(evaluation: Evaluation, word: ShellWord): boolean {
  // Every interpreter name starts with `py`, and most command names do not.
  const name = resolvedCommandName(evaluation, word);
  if (name.startsWith("py") && INTERPRETER_NAME.test(name)) return true;
  const resolved = resolvedWordValue(evaluation, word);
  // The name of a use in the word is part of it: a word without `py` names no Python macro, and
  // needs no scan (most such words are macros the target does not resolve: `%autosetup`).
  if (!resolved.startsWith("%") || !/py/i.test(resolved)) return false;
  // One use spanning the word, with nothing nested: `%{?python3:%{python3}}` says nothing by its
  // own name (so not `wholeMacroUse`, which allows nested uses).
  const uses = scanMacroUses(resolved);
  const only = uses.length === 1 ? uses[0]! : null;
  return only !== null && only.start === 0 && only.end === resolved.length && /py/i.test(only.name);
}

/** The text of `[start, end)` on one line, for a message: continuation lines joined, blanks collapsed. */
export function commandText(text: string, start: number, end: number): string {
  return text
    .slice(start, end)
    .replace(/\\\r?\n/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
