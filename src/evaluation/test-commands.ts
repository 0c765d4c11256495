/**
 * What a `%check` command does: run a test suite (or an import smoke test), or only prepare
 * for one. Shared by the rules that ask whether a spec runs its tests and whether it keeps their
 * result.
 */
import { wholeMacroUse } from "../parser/macros.js";
import { commandBaseName, type ShellWord } from "../parser/shell.js";
import { isPythonInterpreterWord, resolvedWordValue } from "./shell-scripts.js";
import type { Evaluation } from "./types.js";

/** Macros that run tests or an import check. */
export const TEST_MACROS: ReadonlySet<string> = new Set([
  "pytest",
  "tox",
  "pyproject_check_import",
  "py3_check_import",
  "ctest",
  "meson_test",
  "cmake_test",
]);

/** Test runner commands. */
const TEST_COMMANDS = /^(?:py\.?test|nosetests|nose2|tox|stestr|testr|trial|behave|green|ctest|unittest)(?:-?3(?:\.\d+)?)?$/;

/** Modules that run tests with `python -m …` (or smoke-test with `-c`). */
const TEST_MODULES = /^(?:pytest|unittest|nose|nose2|tox|stestr|testtools\.run|subunit\.run|twisted\.trial|doctest|test|tests|green|behave)(?:\.|$)/;

/** Build tools whose `check`/`test` target runs the test suite. */
const BUILD_TOOLS = /^(?:g?make|ninja|meson|cmake|make_build|ninja_build|meson_build|cmake_build|__make|__ninja|__meson|__cmake)$/;
const TEST_TARGETS: ReadonlySet<string> = new Set(["check", "test", "tests", "test-all", "tests-all", "--target=test", "installcheck"]);

/** The name of the macro a word is, when the whole word is one macro use. */
function macroName(word: ShellWord): string | null {
  return wholeMacroUse(word.value)?.name ?? null;
}

/**
 * The command (`words[0]` is its name, as `commandInvocations` gives it) runs tests or an import
 * check: a test macro, a test runner, `python -m pytest`, `python -c 'import …'`, a test
 * script, `setup.py test`, or a build tool's `check`/`test` target.
 */
export function isTestRun(evaluation: Evaluation, words: readonly ShellWord[]): boolean {
  const first = words[0];
  if (first === undefined) return false;
  const macro = macroName(first);
  if (macro !== null && TEST_MACROS.has(macro)) return true;
  const name = commandBaseName(resolvedWordValue(evaluation, first));
  if (TEST_COMMANDS.test(name)) return true;
  if (BUILD_TOOLS.test(name) || (macro !== null && BUILD_TOOLS.test(macro))) {
    return words.slice(1).some((word) => TEST_TARGETS.has(word.value));
  }
  // `./runtests.sh`, `run-tests`; not the shell's own `test`.
  if (/test/i.test(name) && name !== "test" && !name.startsWith("-")) return true;
  if (!isPythonInterpreterWord(evaluation, first)) return false;
  for (let index = 1; index < words.length; index++) {
    const value = words[index]!.value;
    if (value === "-m") return TEST_MODULES.test(words[index + 1]?.value ?? "");
    if (value === "-c") return /\bimport\b/.test(words[index + 1]?.value ?? "");
    if (value.startsWith("-")) continue;
    const script = commandBaseName(value);
    if (script === "setup.py") return words.slice(index + 1).some((word) => word.value === "test" || word.value === "pytest");
    return /test/i.test(value);
  }
  return false;
}
