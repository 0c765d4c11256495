import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { isTopLevelModule, packageNameSpan, pythonScope, usesPyprojectBuildSystem } from "../src/evaluation/python-scope.js";
import { commandInvocations, scriptCommandInvocations, shellScripts } from "../src/evaluation/shell-scripts.js";
import { isTestRun, TEST_MACROS } from "../src/evaluation/test-commands.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { scanMacroUses } from "../src/parser/macros.js";
import { scanShell } from "../src/parser/shell.js";
import type { ConditionalBranch, Section } from "../src/tree/nodes.js";

/**
 * Commands that only prepare or tidy up: a `%check` made of these alone runs no test. Anything
 * else (a test runner, a script, a macro the target does not know) may be a test.
 */
const HOUSEKEEPING: ReadonlySet<string> = new Set([
  ":",
  "true",
  "false",
  "exit",
  "cd",
  "pushd",
  "popd",
  "export",
  "unset",
  "set",
  "shopt",
  "source",
  ".",
  "rm",
  "rmdir",
  "cp",
  "mv",
  "mkdir",
  "ln",
  "touch",
  "chmod",
  "install",
  "echo",
  "printf",
  "sed",
  "ls",
  "cat",
  "find",
  "{",
  "}",
]);

interface CheckState {
  /** The `%check` sections that are not dead. */
  sections: Section[];
  /** Some command of them may run tests. */
  runsSomething: boolean;
}

function checkState(evaluation: Evaluation): CheckState {
  const sections = shellScripts(evaluation)
    .map(({ section }) => section)
    .filter((section) => section.kind === "check");
  const runsSomething = scriptCommandInvocations(evaluation).some(
    ({ section, words, name }) => section.kind === "check" && (isTestRun(evaluation, words) || !HOUSEKEEPING.has(name)),
  );
  return { sections, runsSomething };
}

/**
 * `BuildSystem: pyproject` runs its own `%check` (an import check of the saved modules) unless
 * the spec replaces it; `%check -a`/`-p` only add to it.
 */
function hasImplicitCheck(evaluation: Evaluation): boolean {
  const buildSystem = evaluation.buildSystem;
  if (buildSystem?.name !== "pyproject") return false;
  if (buildSystem.impliedSections.includes("check")) return true;
  return evaluation.tree.sections.some(
    (section) =>
      section.kind === "check" &&
      section.header !== null &&
      evaluation.livenessAt(section.header.start) !== "dead" &&
      section.header.options.some((option) => option.flag.text === "-a" || option.flag.text === "-p"),
  );
}

/** Macros whose value depends on the distribution release, not on a choice of the packager. */
const RELEASE_MACROS = /^(?:fedora|rhel|centos|epel|el\d+|fc\d+|eln|dist|suse_version|mageia|amzn|openEuler)$/;

/**
 * The branch is chosen by a switch of the packager (a bcond, `%global with_tests 0`, an
 * architecture), not only by the distribution release the spec is built for.
 */
function isSwitch(branch: ConditionalBranch): boolean {
  const directive = branch.block.branches[0]!.directive;
  if (directive.keyword !== "if" && directive.keyword !== "elif") return true;
  const uses = scanMacroUses(directive.expression?.text ?? "");
  return uses.some((use) => !RELEASE_MACROS.test(use.name));
}

/**
 * `%check` holds a test run that a switch turns off for this build: tests disabled with a
 * conditional, which the guideline allows (for bootstrapping), as opposed to no tests at all.
 */
function hasSwitchedOffTests(evaluation: Evaluation): boolean {
  const { tree } = evaluation;
  for (const section of tree.sections) {
    if (section.kind !== "check") continue;
    for (const line of section.lines) {
      if (line.type !== "TextLine") continue;
      const { start, end } = line.content;
      // `%{?with_tests:%pytest}`: the test macro is written inside a conditional macro.
      const uses = scanMacroUses(tree.text, start, end);
      if (uses.some((use) => use.conditional && use.argument !== null && uses.some((inner) => inner.start > use.start && inner.end <= use.end && TEST_MACROS.has(inner.name)))) {
        return true;
      }
      if (evaluation.livenessAt(start) !== "dead") continue;
      let switched = false;
      for (let branch = line.branch; branch !== null; branch = branch.block.parent) if (isSwitch(branch)) switched = true;
      if (!switched) continue;
      const commands = scanShell(tree.text, start, end).commands;
      if (commands.some((command) => commandInvocations(evaluation, command).some((words) => isTestRun(evaluation, words)))) return true;
    }
  }
  return false;
}

function runsTests(evaluation: Evaluation): boolean {
  return hasImplicitCheck(evaluation) || checkState(evaluation).runsSomething || hasSwitchedOffTests(evaluation);
}

/**
 * The spec ships an importable library of its own: `BuildSystem: pyproject`, or a package that
 * installs a top-level module, its metadata or a `%{pyproject_files}` list (a plugin file dropped
 * into another project's package, such as `gi/overrides/Foo.py`, is not one).
 */
function shipsLibrary(evaluation: Evaluation): boolean {
  return (
    usesPyprojectBuildSystem(evaluation) ||
    pythonScope(evaluation).packages.some(
      (contents) =>
        contents.built &&
        (contents.pyprojectFileList ||
          contents.sitePackages.some((entry) => entry.topLevel && !entry.ghost && !entry.directoryOnly && (entry.metadata || isTopLevelModule(entry)))),
    )
  );
}

export default defineRule({
  meta: {
    name: "missing-tests",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_running_tests"),
    description: "A spec that ships a Python library has no `%check`, or a `%check` that runs no test and no import check.",
    messages: {
      noCheck:
        "the spec ships a Python library but has no `%check`; run the test suite (`%pytest`, `%tox`, `%{py3_test_envvars} …`) or at least an import check (`%pyproject_check_import`)",
      emptyCheck:
        "`%check` runs no test suite and no import check; run the tests (`%pytest`, `%tox`, `%{py3_test_envvars} …`) or at least `%pyproject_check_import`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        if (!shipsLibrary(evaluation) || runsTests(evaluation)) return;
        const { sections } = checkState(evaluation);
        const header = sections[0]?.header;
        if (header != null) {
          context.report({
            messageId: "emptyCheck",
            start: header.start,
            end: header.keyword.end,
          });
          return;
        }
        const main = evaluation.packages[0];
        const name = main === undefined ? null : packageNameSpan(evaluation, main);
        context.report({ messageId: "noCheck", start: name?.start ?? 0, end: name?.end ?? 0 });
      },
    };
  },
});
