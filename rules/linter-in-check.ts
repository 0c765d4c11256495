import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { BUILD_DEPENDENCY_TAGS, resolveDependencies } from "../src/evaluation/dependencies.js";
import { parsePythonDependencyName } from "../src/evaluation/python-dependencies.js";
import { pythonScope } from "../src/evaluation/python-scope.js";
import { commandText, isPythonInterpreterWord, scriptCommandInvocations } from "../src/evaluation/shell-scripts.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { ShellWord } from "../src/parser/shell.js";

/**
 * Code-quality tools the guideline keeps out of `%check`, by the project name they are
 * packaged and required under. `check` lists the options that make a formatter check instead
 * of rewrite; a tool without it is a linter whatever its options.
 */
const LINTERS: ReadonlyMap<string, { check?: readonly string[] }> = new Map([
  ["flake8", {}],
  ["pylint", {}],
  ["pycodestyle", {}],
  ["pep8", {}],
  ["pyflakes", {}],
  ["pydocstyle", {}],
  ["mypy", {}],
  ["ruff", { check: ["check"] }],
  ["black", { check: ["--check", "--diff"] }],
  ["isort", { check: ["--check", "--check-only", "-c", "--diff"] }],
  ["coverage", {}],
]);

/** pytest plugins that lint or measure coverage: the option that turns each on, and the tool it runs. */
const PYTEST_PLUGINS: ReadonlyMap<string, { plugin: string; tool: string }> = new Map([
  ["--cov", { plugin: "pytest-cov", tool: "coverage" }],
  ["--flake8", { plugin: "pytest-flake8", tool: "flake8" }],
  ["--mypy", { plugin: "pytest-mypy", tool: "mypy" }],
  ["--pylint", { plugin: "pytest-pylint", tool: "pylint" }],
  ["--black", { plugin: "pytest-black", tool: "black" }],
  ["--isort", { plugin: "pytest-isort", tool: "isort" }],
  ["--ruff", { plugin: "pytest-ruff", tool: "ruff" }],
  ["--pycodestyle", { plugin: "pytest-pycodestyle", tool: "pycodestyle" }],
  ["--flakes", { plugin: "pytest-flakes", tool: "pyflakes" }],
]);

/** Projects a `BuildRequires` on which only serves linting or coverage. */
const LINTER_PROJECTS: ReadonlySet<string> = new Set([...LINTERS.keys(), ...[...PYTEST_PLUGINS.values()].map(({ plugin }) => plugin)]);

/** The project and the projects that plug into it or that it plugs into (`pyflakes`, `pytest-flakes`). */
function relatedProjects(project: string): string[] {
  const related = [project];
  for (const { plugin, tool } of PYTEST_PLUGINS.values()) {
    if (plugin === project) related.push(tool);
    if (tool === project) related.push(plugin);
  }
  return related;
}

/** The project a dependency name requires: `python3-flake8`, `python3dist(flake8)` and `flake8` are all `flake8`. */
function projectOf(name: string): string {
  const python = parsePythonDependencyName(name);
  const project = python === null ? name : python.rest;
  return project.toLowerCase().replace(/[-_.]+/g, "-").replace(/\[.*$/, "");
}

/** The tool a command runs, when it is a linter: `flake8`, `python3 -m mypy`, `pylint-3`, `black --check`. */
function linterOf(evaluation: Evaluation, words: readonly ShellWord[], commandName: string): string | null {
  let name = commandName.replace(/-?3(?:\.\d+)?$/, "");
  let rest = words.slice(1);
  if (isPythonInterpreterWord(evaluation, words[0]!)) {
    const module = words.findIndex((word) => word.value === "-m");
    if (module === -1 || words[module + 1] === undefined) return null;
    name = words[module + 1]!.value;
    rest = words.slice(module + 2);
  }
  const linter = LINTERS.get(name);
  if (linter === undefined) return null;
  if (linter.check !== undefined && !rest.some((word) => linter.check!.includes(word.value))) return null;
  return name;
}

export default defineRule({
  meta: {
    name: "linter-in-check",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_linters"),
    description: "A linter or coverage tool (flake8, pylint, mypy, black --check, `--cov`…) run in `%check`, or build-required for it.",
    messages: {
      command: "`{{command}}` runs the linter {{linter}} in `%check`; linters check code style, not function, so drop it (and its BuildRequires)",
      option:
        "`{{option}}` makes the tests run {{plugin}}, which checks code quality rather than function; drop it (and the plugin's BuildRequires)",
      buildRequires:
        "`{{dependency}}` build-requires the linter {{project}}, which `%check` should not run; remove the dependency",
    },
    fix: "none",
  },
  create(context) {
    const { tree, evaluation } = context;
    if (!pythonScope(evaluation).shipsLibrary) return {};

    /**
     * The spec builds the linter, or a plugin or extension of it (`python-flake8-docstrings`,
     * `python-pytest-cov`), or ships something that requires it at run time: then running it
     * in `%check` tests function, which the guideline allows.
     */
    const extendsTool = (project: string): boolean => {
      const words = (name: string): string => `-${projectOf(name)}-`;
      const related = relatedProjects(project);
      const named = (name: string): boolean => related.some((candidate) => words(name).includes(`-${candidate}-`));
      if (evaluation.packages.some((model) => model.name !== null && named(model.name))) return true;
      return evaluation.packages.some((model) =>
        model.tags.some(
          (tag) =>
            !BUILD_DEPENDENCY_TAGS.has(tag.name) &&
            evaluation.livenessAt(tag.start) !== "dead" &&
            resolveDependencies(evaluation, tag).some((dependency) => dependency.name !== null && related.includes(projectOf(dependency.name))),
        ),
      );
    };

    return {
      tagLine(line) {
        if (!BUILD_DEPENDENCY_TAGS.has(line.name) || line.name === "buildconflicts") return;
        for (const dependency of resolveDependencies(evaluation, line)) {
          if (dependency.name === null) continue;
          const project = projectOf(dependency.name);
          if (!LINTER_PROJECTS.has(project) || extendsTool(project)) continue;
          const written = dependency.written;
          context.report({
            messageId: "buildRequires",
            data: { dependency: tree.text.slice(written.start, written.end), project },
            start: written.start,
            end: written.end,
          });
        }
      },
      endOfFile() {
        for (const { section, words, name } of scriptCommandInvocations(evaluation)) {
          if (section.kind !== "check") continue;
          const linter = linterOf(evaluation, words, name);
          if (linter !== null && !extendsTool(linter)) {
            const end = words[words.length - 1]!.end;
            context.report({
              messageId: "command",
              data: { command: commandText(tree.text, words[0]!.start, end), linter },
              start: words[0]!.start,
              end,
            });
            continue;
          }
          for (const word of words.slice(1)) {
            const option = word.value.replace(/=.*$/, "");
            const plugin = PYTEST_PLUGINS.get(option)?.plugin;
            if (plugin === undefined || extendsTool(plugin)) continue;
            context.report({
              messageId: "option",
              data: { option: word.value, plugin },
              start: word.start,
              end: word.end,
            });
          }
        }
      },
    };
  },
});
