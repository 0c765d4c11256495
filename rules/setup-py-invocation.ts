import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { pythonScope } from "../src/evaluation/python-scope.js";
import { commandText, isPythonInterpreterWord, resolvedCommandName, scriptCommandInvocations } from "../src/evaluation/shell-scripts.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { commandBaseName, type ShellWord } from "../src/parser/shell.js";

/** The deprecated setuptools commands a spec ran to build, install or test. */
const DEPRECATED_COMMANDS: ReadonlyMap<string, string> = new Map([
  ["build", "build with `%pyproject_wheel`"],
  ["install", "install with `%pyproject_install` and `%pyproject_save_files`"],
  ["develop", "install with `%pyproject_install` and `%pyproject_save_files`"],
  ["test", "run the tests with `%pytest` or `%{py3_test_envvars} %{python3} -m unittest`"],
]);

/** Interpreter options that take a value as the next word (`python3 -W ignore setup.py`). */
const INTERPRETER_VALUE_OPTIONS: ReadonlySet<string> = new Set(["-W", "-X", "-Q"]);

/** The index of the `setup.py` word the command runs, or -1. */
function setupScriptIndex(evaluation: Evaluation, words: readonly ShellWord[]): number {
  if (commandBaseName(words[0]!.value) === "setup.py") return 0;
  if (!isPythonInterpreterWord(evaluation, words[0]!)) return -1;
  for (let index = 1; index < words.length; index++) {
    const value = words[index]!.value;
    if (value === "-m" || value === "-c") return -1;
    if (INTERPRETER_VALUE_OPTIONS.has(value)) {
      index++;
      continue;
    }
    if (value.startsWith("-")) continue;
    return resolvedCommandName(evaluation, words[index]!) === "setup.py" ? index : -1;
  }
  return -1;
}

export default defineRule({
  meta: {
    name: "setup-py-invocation",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_deprecated_macros"),
    description: "`setup.py install`, `setup.py build` or `setup.py test` run in a scriptlet instead of the pyproject macros.",
    messages: {
      deprecated: "`{{command}}` runs the deprecated `setup.py {{setupCommand}}`; {{replacement}}",
    },
    fix: "none",
  },
  create(context) {
    const { tree, evaluation } = context;
    // The current guidelines, which retire `setup.py`, cover packages that install into site-packages.
    const scope = pythonScope(evaluation);
    if (!scope.shipsLibrary && !scope.packages.some((contents) => contents.built && contents.sitePackages.length > 0)) return {};
    return {
      endOfFile() {
        for (const { words } of scriptCommandInvocations(evaluation)) {
          const setup = setupScriptIndex(evaluation, words);
          if (setup === -1) continue;
          const setupCommand = words.slice(setup + 1).find((word) => DEPRECATED_COMMANDS.has(word.value));
          if (setupCommand === undefined) continue;
          context.report({
            messageId: "deprecated",
            data: {
              command: commandText(tree.text, words[0]!.start, setupCommand.end),
              setupCommand: setupCommand.value,
              replacement: DEPRECATED_COMMANDS.get(setupCommand.value)!,
            },
            start: words[0]!.start,
            end: setupCommand.end,
          });
        }
      },
    };
  },
});
