import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { BUILD_DEPENDENCY_TAGS, resolveDependencies } from "../src/evaluation/dependencies.js";
import { macroCalls, pyprojectBuildOptions, readMacroOptions, type MacroArgumentWord, type MacroCall } from "../src/evaluation/macro-calls.js";
import { parsePythonDependencyName } from "../src/evaluation/python-dependencies.js";
import { usesPyprojectBuildSystem } from "../src/evaluation/python-scope.js";
import { commandText } from "../src/evaluation/shell-scripts.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { TagLine } from "../src/tree/nodes.js";

/** `%pyproject_buildrequires` options that take a value. */
const BUILDREQUIRES_VALUE_OPTIONS = "xegC";
/** Options that add run-time or test requirements, which `-R` (no run-time requirements) excludes. */
const RUNTIME_OPTIONS: ReadonlySet<string> = new Set(["x", "p", "t", "e"]);

/** `BuildOption(…)` qualifiers that feed the pyproject build system's macros. */
const GENERATE_OPTION = "generate_buildrequires";
const INSTALL_OPTION = "install";

/** The project names that provide what the macros need when written as BuildRequires by hand. */
const PIP = "pip";
const TOX_CURRENT_ENV = "tox-current-env";

/** The macros whose calls the rule reads, found in one pass over the spec's macro uses. */
const READ_MACROS: ReadonlySet<string> = new Set([
  "pyproject_buildrequires",
  "pyproject_save_files",
  "pyproject_check_import",
  "tox",
  "pyproject_wheel",
  "pyproject_install",
]);

interface OptionSource {
  /** Where to report. */
  start: number;
  end: number;
  words: readonly MacroArgumentWord[];
}

function callSource(call: MacroCall): OptionSource {
  return { start: call.use.start, end: call.argument?.end ?? call.use.end, words: call.words };
}

export default defineRule({
  meta: {
    name: "pyproject-macro-misuse",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_build_macros"),
    description:
      "pyproject macros used against their documentation: `%pyproject_check_import` without `%pyproject_save_files`, `%tox` without `-t`/`-e`, `-R` with `-x`/`-p`/`-t`/`-e`, `-M` with module names, `%pyproject_wheel`/`%pyproject_install` without generated BuildRequires.",
    messages: {
      checkImportWithoutSaveFiles:
        "`%pyproject_check_import` imports the modules that `%pyproject_save_files` found, but the spec never calls `%pyproject_save_files`; use `%py3_check_import MODULES` instead",
      toxWithoutEnvironment:
        "`%tox` needs the test dependencies that `%pyproject_buildrequires -t` (or `-e ENV`) generates, but no `%pyproject_buildrequires` is given `-t` or `-e`",
      runtimeWithoutRuntime:
        "`{{macro}}` combines `-R` (no run-time requirements) with `-{{option}}`, which needs them; drop one of the two",
      modulesWithNoModules:
        "`{{macro}}` combines `-M` (list no modules) with the module names {{modules}}; drop `-M` or the names",
      withoutGeneratedBuildRequires:
        "`%{{macro}}` needs the BuildRequires that `%pyproject_buildrequires` generates (pip and the build backend), but the spec has no `%pyproject_buildrequires` in `%generate_buildrequires`",
    },
    fix: "none",
  },
  create(context) {
    const { tree, evaluation } = context;
    const buildSystem = usesPyprojectBuildSystem(evaluation);
    const anyBuildSystem = evaluation.buildSystem !== null;

    const buildOptions = (qualifier: string): OptionSource[] =>
      pyprojectBuildOptions(evaluation, qualifier).map(({ tag, words }) => ({ start: tag.tag.start, end: tag.value.end, words }));

    return {
      endOfFile() {
        const calls = macroCalls(evaluation, READ_MACROS);
        // Without the macros or the build system there is nothing to check.
        if (calls.length === 0 && !buildSystem) return;
        const callsOf = (...names: string[]): MacroCall[] => calls.filter((call) => names.includes(call.use.name));
        const generators = callsOf("pyproject_buildrequires");
        const generateSources = [...generators.map(callSource), ...buildOptions(GENERATE_OPTION)];
        const saveSources = [...callsOf("pyproject_save_files").map(callSource), ...buildOptions(INSTALL_OPTION)];

        for (const source of generateSources) {
          const { options } = readMacroOptions(source.words, BUILDREQUIRES_VALUE_OPTIONS);
          if (!options.some((option) => option.letter === "R")) continue;
          const runtime = options.find((option) => RUNTIME_OPTIONS.has(option.letter));
          if (runtime === undefined) continue;
          context.report({
            messageId: "runtimeWithoutRuntime",
            data: { macro: commandText(tree.text, source.start, source.end), option: runtime.letter },
            start: source.start,
            end: source.end,
          });
        }

        for (const source of saveSources) {
          const { options, positionals } = readMacroOptions(source.words, "");
          if (!options.some((option) => option.letter === "M") || positionals.length === 0) continue;
          context.report({
            messageId: "modulesWithNoModules",
            data: {
              macro: commandText(tree.text, source.start, source.end),
              modules: positionals.map((positional) => `\`${positional.value}\``).join(", "),
            },
            start: source.start,
            end: source.end,
          });
        }

        // A build system other than pyproject may save the file list in its own macros.
        if (saveSources.length === 0 && !anyBuildSystem) {
          for (const call of callsOf("pyproject_check_import")) {
            context.report({ messageId: "checkImportWithoutSaveFiles", start: call.use.start, end: call.use.end });
          }
        }

        const generatesTests = generateSources.some((source) => {
          const { options, unknown } = readMacroOptions(source.words, BUILDREQUIRES_VALUE_OPTIONS);
          return unknown || options.some((option) => option.letter === "t" || option.letter === "e");
        });
        // The calls first: reading the BuildRequires costs more, and most specs call neither macro.
        const toxCalls = generatesTests ? [] : callsOf("tox");
        if (toxCalls.length > 0 && !buildRequires(evaluation, TOX_CURRENT_ENV)) {
          for (const call of toxCalls) {
            context.report({ messageId: "toxWithoutEnvironment", start: call.use.start, end: call.use.end });
          }
        }

        const installCalls = generators.length === 0 && !buildSystem ? callsOf("pyproject_wheel", "pyproject_install") : [];
        if (installCalls.length > 0 && !buildRequires(evaluation, PIP)) {
          for (const call of installCalls) {
            context.report({
              messageId: "withoutGeneratedBuildRequires",
              data: { macro: call.use.name },
              start: call.use.start,
              end: call.use.end,
            });
          }
        }
      },
    };
  },
});

/** The spec build-requires the Python project (`python3-pip`, `python3dist(pip)`), in a part that is not dead. */
function buildRequires(evaluation: Evaluation, project: string): boolean {
  return evaluation.tree.sections.some((section) =>
    section.lines.some(
      (line) =>
        line.type === "TagLine" &&
        BUILD_DEPENDENCY_TAGS.has(line.name) &&
        evaluation.livenessAt(line.start) !== "dead" &&
        requiresProject(evaluation, line, project),
    ),
  );
}

function requiresProject(evaluation: Evaluation, line: TagLine, project: string): boolean {
  return resolveDependencies(evaluation, line).some((dependency) => {
    const python = dependency.name === null ? null : parsePythonDependencyName(dependency.name);
    return python !== null && python.rest.toLowerCase().replace(/_/g, "-") === project;
  });
}
