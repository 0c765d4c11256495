import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { pythonScope } from "../src/evaluation/python-scope.js";
import { commandInvocations, commandText, resolvedCommandName, resolvedWordValue, shellScripts } from "../src/evaluation/shell-scripts.js";
import { isTestRun } from "../src/evaluation/test-commands.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { ShellCommand, ShellWord } from "../src/parser/shell.js";
import type { Section } from "../src/tree/nodes.js";

/** Commands that succeed whatever happened before them: after `||` they discard the failure. */
const SUCCEEDING: ReadonlySet<string> = new Set([":", "true", "echo", "printf", "cat"]);

/** Reserved words that open and close compound commands. */
const OPENERS: ReadonlySet<string> = new Set(["if", "while", "until", "for", "case", "{", "select"]);
const CLOSERS: ReadonlySet<string> = new Set(["fi", "done", "esac", "}"]);

/** `exit` or `exit 0`: the script stops and succeeds. */
function isSuccessfulExit(evaluation: Evaluation, words: readonly ShellWord[]): boolean {
  if (resolvedCommandName(evaluation, words[0]!) !== "exit") return false;
  const status = words[1]?.value;
  return status === undefined || status === "0";
}

/**
 * The commands that run when the command before `commands[start]` fails: up to the end of the
 * and-or list, a whole `{ … }` group, or a whole `( … )` subshell.
 */
function orBranch(commands: readonly ShellCommand[], start: number): ShellCommand[] {
  const first = commands[start];
  if (first === undefined) return [];
  const branch: ShellCommand[] = [];
  let groups = 0;
  for (let index = start; index < commands.length; index++) {
    const command = commands[index]!;
    if (command.depth < first.depth) break;
    branch.push(command);
    const words = command.words.map((word) => word.value);
    groups += words.filter((word) => word === "{").length - words.filter((word) => word === "}").length;
    const continues = command.terminator === "&&" || command.terminator === "||" || command.terminator === "|";
    if (groups <= 0 && command.depth === first.depth && !continues) break;
  }
  return branch;
}

/** Every command of the `||` branch succeeds whatever happened: `:`, `true`, `echo …`, `exit 0`. */
function discardsFailure(evaluation: Evaluation, branch: readonly ShellCommand[]): boolean {
  if (branch.length === 0) return false;
  return branch.every((command) =>
    commandInvocations(evaluation, command).every((words) => {
      const name = resolvedCommandName(evaluation, words[0]!);
      return SUCCEEDING.has(name) || name === "}" || isSuccessfulExit(evaluation, words);
    }),
  );
}

/** The line holding `offset` is inside a `%if`/`%ifarch` block. */
function inConditional(section: Section, offset: number): boolean {
  const line = section.lines.find((candidate) => candidate.start <= offset && offset < candidate.end);
  return line !== undefined && line.branch !== null;
}

interface TestRun {
  /** The test command's first word. */
  word: ShellWord;
  /** What runs the tests: the command name as resolved (`%pytest`, `/usr/bin/ctest`). */
  runner: string;
  /** Where its status is discarded (the `||` branch), or null when the status counts. */
  discardedBy: ShellCommand | null;
}

export default defineRule({
  meta: {
    name: "test-failures-ignored",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_running_tests"),
    description: "`%check` discards the result of the whole test run (`%pytest || :`, `|| true`, `exit 0` before the tests).",
    messages: {
      discarded:
        "`{{command}}` discards the result of the test run, so failing tests never fail the build; deselect the failing tests instead (`-k 'not test_x'`, `--deselect`)",
      exitFirst:
        "`{{exit}}` ends `%check` before the tests run; deselect the failing tests instead, or switch the tests off with a bcond for bootstrapping",
    },
    fix: "none",
  },
  create(context) {
    const { tree, evaluation } = context;
    if (!pythonScope(evaluation).shipsLibrary) return {};
    return {
      endOfFile() {
        for (const { section, script } of shellScripts(evaluation)) {
          if (section.kind !== "check") continue;
          const runs: TestRun[] = [];
          let exitBeforeTests: readonly ShellWord[] | null = null;
          let nesting = 0;
          const commands = script.commands;
          for (let index = 0; index < commands.length; index++) {
            const command = commands[index]!;
            const first = command.words[0]?.value ?? "";
            if (OPENERS.has(first)) nesting++;
            else if (CLOSERS.has(first)) nesting = Math.max(0, nesting - 1);
            for (const words of commandInvocations(evaluation, command)) {
              // An unconditional `exit 0` at the top level, before any test run: rpm branches around
              // it (`%if %{without tests}`) are the allowed way to switch tests off.
              if (
                exitBeforeTests === null &&
                runs.length === 0 &&
                nesting === 0 &&
                command.depth === 0 &&
                !inConditional(section, words[0]!.start) &&
                isSuccessfulExit(evaluation, words)
              ) {
                exitBeforeTests = words;
              }
              if (!isTestRun(evaluation, words)) continue;
              // The status of a pipeline is the status of its last command.
              let last = index;
              while (commands[last]!.terminator === "|" && last + 1 < commands.length) last++;
              const branch = orBranch(commands, last + 1);
              const discarded = commands[last]!.terminator === "||" && discardsFailure(evaluation, branch);
              runs.push({
                word: command.words[0]!,
                runner: resolvedWordValue(evaluation, words[0]!),
                discardedBy: discarded ? branch[branch.length - 1]! : null,
              });
            }
          }
          if (exitBeforeTests !== null && runs.length > 0) {
            const [exit] = exitBeforeTests;
            const end = exitBeforeTests[exitBeforeTests.length - 1]!.end;
            context.report({
              messageId: "exitFirst",
              data: { exit: tree.text.slice(exit!.start, end) },
              start: exit!.start,
              end,
            });
            continue;
          }
          for (const run of runs) {
            const discardedBy = run.discardedBy;
            // An extra run of the same runner (known-flaky tests) whose result is discarded while
            // the main run's counts is like deselecting those tests.
            if (discardedBy === null || runs.some((other) => other.discardedBy === null && other.runner === run.runner)) continue;
            const end = discardedBy.words[discardedBy.words.length - 1]?.end ?? run.word.end;
            context.report({
              messageId: "discarded",
              data: { command: commandText(tree.text, run.word.start, end) },
              start: run.word.start,
              end,
            });
          }
        }
      },
    };
  },
});
