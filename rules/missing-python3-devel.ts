import { defineRule, insertLineAfter, pythonGuideline, tagLineLike, type TextEdit } from "../src/engine/index.js";
import { resolveDependencies, specTags } from "../src/evaluation/dependencies.js";
import { expandedMacroUses, expandedRunsOf } from "../src/evaluation/macro-uses.js";
import { usesPyprojectBuildSystem } from "../src/evaluation/python-scope.js";
import { isPythonMacroName, pythonUsage } from "../src/evaluation/python-usage.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { skipBlanks } from "../src/parser/span.js";
import type { TagLine } from "../src/tree/nodes.js";

const BUILD_REQUIRING_TAGS: ReadonlySet<string> = new Set(["buildrequires", "buildprereq"]);

/**
 * The `-devel` package of a Python interpreter. The guideline asks for `python3-devel`, or the
 * `-devel` of the alternate interpreter a package uses instead (pypy, jython, python2.7, python3.N).
 */
const INTERPRETER_DEVEL = /^(?:python\d*(?:\.\d+)?|pypy\d*(?:\.\d+)?|jython\d*|micropython)-devel(?:\([^()]*\))?$/;

/** `pkgconfig(python3)`, `pkgconfig(python-3.12-embed)`: provided by python3-devel, but not it by name. */
const PKGCONFIG_PYTHON = /^pkgconfig\(python-?3[^()]*\)$/;

/**
 * Preamble macros of the Python RPM macros that the target does not model but that are known
 * not to declare build dependencies (they generate subpackages and provides).
 */
const OPAQUE_PYTHON_HELPERS: ReadonlySet<string> = new Set([
  "py_provides",
  "python_provide",
  "python_extras_subpkg",
  "python_enable_dependency_generator",
  "python_disable_dependency_generator",
]);

/** rpm's built-in macros that never produce spec text (comments, messages, debugging). */
const QUIET_BUILTINS: ReadonlySet<string> = new Set(["dnl", "echo", "warn", "error", "trace", "dump", "verbose"]);

/** What the spec's build dependencies say about python3-devel. */
interface BuildRequirements {
  /** `BuildRequires: python3-devel` or an interpreter's `-devel`, by name. */
  satisfied: boolean;
  /** The first `pkgconfig(python3…)` build dependency as written, when there is one. */
  pkgconfig: string | null;
}

/**
 * The spec's build dependencies, also those a preamble line declares through `%{?cond:…}`;
 * BuildRequires hold for the whole spec, so subpackage preambles count too.
 */
function buildRequirements(evaluation: Evaluation): BuildRequirements {
  const found: BuildRequirements = { satisfied: false, pkgconfig: null };
  const check = (tag: TagLine): void => {
    if (!BUILD_REQUIRING_TAGS.has(tag.name)) return;
    for (const { name, written } of resolveDependencies(evaluation, tag)) {
      if (name === null) {
        // A name that cannot be resolved statically is given the benefit of the doubt when
        // it is spelled like an interpreter's -devel (`python%{pyver}-devel`).
        if (/py/i.test(written.name.text) && written.name.text.replace(/%\{\?_isa\}$/, "").endsWith("-devel")) found.satisfied = true;
      } else if (INTERPRETER_DEVEL.test(name)) found.satisfied = true;
      else if (PKGCONFIG_PYTHON.test(name)) found.pkgconfig ??= written.name.text;
    }
  };
  specTags(evaluation).forEach(check);
  return found;
}

/** `%pyproject_buildrequires` runs in `%generate_buildrequires`, written there or through a macro. */
function generatesBuildRequires(evaluation: Evaluation): boolean {
  return expandedRunsOf(evaluation, "pyproject_buildrequires").some(({ section }) => section.kind === "generate_buildrequires");
}

/**
 * In a spec with a declarative `BuildSystem:`, a preamble line that calls a macro the target
 * does not know is that build system's helper (`%{tree_sitter -P}`), which writes the preamble
 * and may declare anything.
 */
function callsBuildSystemHelper(evaluation: Evaluation): boolean {
  const { tree } = evaluation;
  const declarative = tree.sections.some((section) =>
    section.lines.some((line) => line.type === "TagLine" && line.name === "buildsystem" && evaluation.livenessAt(line.start) !== "dead"),
  );
  if (!declarative) return false;
  return expandedMacroUses(evaluation).some(({ use, section, line, definition }) => {
    if (definition !== null || line.type !== "TextLine" || (section.kind !== "preamble" && section.kind !== "package")) return false;
    if (use.start !== skipBlanks(tree.text, line.content.start, line.content.end)) return false;
    if (use.conditional || use.form === "shell" || use.form === "expression") return false;
    if (isPythonMacroName(use.name) || OPAQUE_PYTHON_HELPERS.has(use.name) || QUIET_BUILTINS.has(use.name)) return false;
    return (evaluation.definitionAt(use.name, use.start) ?? undefined) === undefined;
  });
}

export default defineRule({
  meta: {
    name: "missing-python3-devel",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_build_time_dependency_on_python3_devel"),
    description:
      "A spec that uses Python without `BuildRequires: python3-devel` or `%pyproject_buildrequires` in `%generate_buildrequires`.",
    messages: {
      missing:
        "`{{evidence}}` shows that the spec uses Python, but it has no `BuildRequires: python3-devel` and no `%pyproject_buildrequires` in `%generate_buildrequires`",
      onlyPkgconfig:
        "`{{evidence}}` shows that the spec uses Python, but it requires python3-devel only through `{{pkgconfig}}`; the guideline asks for `BuildRequires: python3-devel` by name",
    },
    fix: "safe",
  },
  create(context) {
    const { tree, evaluation } = context;
    return {
      endOfFile() {
        if (usesPyprojectBuildSystem(evaluation)) return;
        const { evidence } = pythonUsage(evaluation);
        const shown = evidence.find((place) => place.liveness === "live") ?? evidence[0];
        if (shown === undefined) return;
        const { satisfied, pkgconfig } = buildRequirements(evaluation);
        if (satisfied || generatesBuildRequires(evaluation) || callsBuildSystemHelper(evaluation)) return;
        const edit = insertion();
        context.report({
          messageId: pkgconfig === null ? "missing" : "onlyPkgconfig",
          data: { evidence: shown.what, ...(pkgconfig !== null && { pkgconfig }) },
          start: shown.start,
          end: shown.end,
          ...(edit !== null && { fix: { title: "Add BuildRequires: python3-devel", edits: [edit] } }),
        });
      },
    };

    /**
     * `BuildRequires:  python3-devel` after the main preamble's last BuildRequires, or after its
     * BuildArch/License, laid out like that line. Only lines outside conditionals are anchors, so
     * the new line is unconditional.
     */
    function insertion(): TextEdit | null {
      const preamble = tree.sections[0];
      if (preamble === undefined || preamble.kind !== "preamble") return null;
      let lastBuildRequires: TagLine | null = null;
      let lastArchOrLicense: TagLine | null = null;
      for (const line of preamble.lines) {
        if (line.type !== "TagLine" || line.branch !== null || evaluation.livenessAt(line.start) !== "live") continue;
        if (line.name === "buildrequires") lastBuildRequires = line;
        else if (line.name === "buildarch" || line.name === "license") lastArchOrLicense = line;
      }
      const anchor = lastBuildRequires ?? lastArchOrLicense;
      if (anchor === null) return null;
      return insertLineAfter(tree, anchor, tagLineLike(tree, anchor, "BuildRequires", "python3-devel"));
    }
  },
});
