import { defineRule, insertLineAfter, pythonGuideline, tagLineLike, type TextEdit } from "../src/engine/index.js";
import { usesPyprojectBuildSystem } from "../src/evaluation/python-scope.js";
import { isPythonMacroName } from "../src/evaluation/python-usage.js";
import { parseDependencies } from "../src/parser/dependencies.js";
import { scanMacroUses } from "../src/parser/macros.js";
import { skipBlanks } from "../src/parser/span.js";
import { parseTagLine, type ParsedTag } from "../src/parser/tags.js";
import type { Dependency, MacroUse, SimpleDependency, TagLine } from "../src/tree/nodes.js";

/** Tags whose dependencies say the package needs Python at build or run time. */
const REQUIRING_TAGS: ReadonlySet<string> = new Set([
  "requires",
  "buildrequires",
  "recommends",
  "suggests",
  "supplements",
  "enhances",
  "orderwithrequires",
  "prereq",
  "buildprereq",
]);
const BUILD_REQUIRING_TAGS: ReadonlySet<string> = new Set(["buildrequires", "buildprereq"]);

/**
 * A dependency on the Python 3 interpreter or on Python 3 packages: `python3`, `python3-foo`,
 * `python3dist(foo)`, `python3.12-foo`, `python(abi)`, `/usr/bin/python3`.
 */
const PYTHON_DEPENDENCY = /^(?:python3(?:$|[-.(]|dist\()|python\(abi\)|\/usr\/bin\/python3)/;

/**
 * The `-devel` package of a Python interpreter. The guideline asks for `python3-devel`, or the
 * `-devel` of the alternate interpreter a package uses instead (pypy, jython, python2.7, python3.N).
 */
const INTERPRETER_DEVEL = /^(?:python\d*(?:\.\d+)?|pypy\d*(?:\.\d+)?|jython\d*|micropython)-devel(?:\([^()]*\))?$/;

/** `pkgconfig(python3)`, `pkgconfig(python-3.12-embed)`: provided by python3-devel, but not it by name. */
const PKGCONFIG_PYTHON = /^pkgconfig\(python-?3[^()]*\)$/;

/** `/usr/lib/python3.12/site-packages`, `/usr/lib64/python3*\/site-packages` after expansion. */
const SITE_PACKAGES = /^\/usr\/lib(?:64)?\/python3[^/]*\/site-packages(?:\/|$)/;

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

function simpleDependencies(dependencies: readonly Dependency[]): SimpleDependency[] {
  return dependencies.flatMap((dependency) => (dependency.kind === "simple" ? [dependency] : simpleDependencies(dependency.operands)));
}

/** Where the spec shows it uses Python, and how to say it. */
interface Evidence {
  start: number;
  end: number;
  what: string;
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
        "`{{evidence}}` shows that the spec uses Python, but it has no `BuildRequires: python3-devel` and no `%pyproject_buildrequires` in `%generate_buildrequires`{{when}}",
      onlyPkgconfig:
        "`{{evidence}}` shows that the spec uses Python, but it requires python3-devel only through `{{pkgconfig}}`; the guideline asks for `BuildRequires: python3-devel` by name{{when}}",
    },
    fix: "safe",
  },
  create(context) {
    const { tree, evaluation } = context;
    let liveEvidence: Evidence | null = null;
    let unknownEvidence: Evidence | null = null;
    let satisfied = false;
    let pkgconfig: string | null = null;
    let unknownPreambleMacro = false;
    let declarativeBuildSystem = false;

    const note = (start: number, end: number, what: string): void => {
      const liveness = evaluation.livenessAt(start);
      if (liveness === "live") liveEvidence ??= { start, end, what };
      else if (liveness === "unknown") unknownEvidence ??= { start, end, what };
    };

    /** A `%{?name:…}` / `%{!?name:…}` whose body rpm drops, because of what `name` is for the target. */
    const dropsBody = (use: MacroUse): boolean => {
      if (use.form !== "braced" || !use.conditional || use.argument === null) return false;
      const definition = evaluation.definitionAt(use.name, use.start);
      return definition !== null && (definition === undefined) !== use.negated;
    };

    /** The uses in `[start, end)` that rpm expands: not inside a `%{?name:…}` whose body is dropped. */
    const expandedUses = (start: number, end: number): MacroUse[] => {
      const uses: MacroUse[] = [];
      let skipUntil = -1;
      for (const use of scanMacroUses(tree.text, start, end)) {
        if (use.start < skipUntil) continue;
        if (dropsBody(use)) {
          skipUntil = use.end;
          continue;
        }
        uses.push(use);
      }
      return uses;
    };

    const noteMacros = (start: number, end: number): void => {
      if (liveEvidence !== null) return;
      for (const use of expandedUses(start, end)) {
        if (isPythonMacroName(use.name)) note(use.start, use.end, tree.text.slice(use.start, use.end));
      }
    };

    /** The dependency name with macros expanded; null when it cannot be known statically. */
    const resolvedName = (dependency: SimpleDependency): string | null =>
      dependency.name.text.includes("%") ? evaluation.expand(dependency.name.text, dependency.name.start).value : dependency.name.text;

    /** Notes the Python dependencies of a dependency tag and whether it is a python3-devel requirement. */
    const checkDependencies = (tag: ParsedTag): void => {
      if (!REQUIRING_TAGS.has(tag.name)) return;
      const buildRequires = BUILD_REQUIRING_TAGS.has(tag.name);
      const parsed = parseDependencies(tag.value.text, tag.value.start, { tag: tag.name });
      for (const dependency of simpleDependencies(parsed.dependencies)) {
        const name = resolvedName(dependency);
        if (buildRequires) {
          if (name === null) {
            // A name that cannot be resolved statically is given the benefit of the doubt when
            // it is spelled like an interpreter's -devel (`python%{pyver}-devel`).
            if (/py/i.test(dependency.name.text) && dependency.name.text.replace(/%\{\?_isa\}$/, "").endsWith("-devel")) satisfied = true;
            continue;
          }
          if (INTERPRETER_DEVEL.test(name)) satisfied = true;
          else if (PKGCONFIG_PYTHON.test(name)) pkgconfig ??= dependency.name.text;
        }
        if (name !== null && PYTHON_DEPENDENCY.test(name)) {
          note(dependency.start, dependency.end, `${tag.tag.text}: ${dependency.name.text}`);
        }
      }
    };

    /**
     * Macro calls in a preamble line: `%{?with_x:BuildRequires: foo}` declares the tag in its body
     * when the condition holds. In a spec with a declarative `BuildSystem:`, a line that calls a
     * macro the target does not know is that build system's helper (`%{tree_sitter -P}`), which
     * writes the preamble and may declare anything.
     */
    const checkPreambleMacroLine = (start: number, end: number): void => {
      let outerEnd = start;
      for (const use of expandedUses(start, end)) {
        if (use.form === "braced" && use.conditional && use.argument !== null) {
          const tag = parseTagLine(tree.text, use.argument.start, use.argument.end);
          if (tag !== null) checkDependencies(tag);
        }
        const outermost = use.start >= outerEnd;
        outerEnd = Math.max(outerEnd, use.end);
        if (!outermost || use.start !== skipBlanks(tree.text, start, end)) continue;
        if (use.conditional || use.form === "shell" || use.form === "expression") continue;
        if (isPythonMacroName(use.name) || OPAQUE_PYTHON_HELPERS.has(use.name) || QUIET_BUILTINS.has(use.name)) continue;
        if ((evaluation.definitionAt(use.name, use.start) ?? undefined) === undefined) unknownPreambleMacro = true;
      }
    };

    return {
      sectionHeader(header) {
        noteMacros(header.start, header.end);
      },
      tagLine(line) {
        if (line.name === "buildsystem") declarativeBuildSystem = true;
        checkDependencies(line);
        noteMacros(line.value.start, line.value.end);
      },
      macroDefinition(line) {
        if (line.body !== null) noteMacros(line.body.start, line.body.end);
      },
      filesLine(line) {
        for (const path of line.paths) {
          noteMacros(path.start, path.end);
          if (liveEvidence !== null) continue;
          const expanded = evaluation.expand(path.text, path.start).value;
          if (expanded !== null && SITE_PACKAGES.test(expanded)) note(path.start, path.end, path.text);
        }
      },
      textLine(line, section) {
        if (section.kind === "changelog") return;
        if (section.kind === "preamble" || section.kind === "package") {
          checkPreambleMacroLine(line.content.start, line.content.end);
        }
        if (section.kind === "generate_buildrequires") {
          if (expandedUses(line.content.start, line.content.end).some((use) => use.name === "pyproject_buildrequires")) {
            satisfied = true;
          }
        }
        noteMacros(line.content.start, line.content.end);
      },
      endOfFile() {
        const evidence = liveEvidence ?? unknownEvidence;
        if (satisfied || evidence === null || usesPyprojectBuildSystem(evaluation)) return;
        if (declarativeBuildSystem && unknownPreambleMacro) return;
        const condition = liveEvidence === null ? evaluation.unknownConditionAt(evidence.start) : null;
        const when = condition === null ? "" : ` (in a branch that depends on \`${condition}\`)`;
        const edit = insertion();
        context.report({
          messageId: pkgconfig === null ? "missing" : "onlyPkgconfig",
          data: { evidence: evidence.what, when, ...(pkgconfig !== null && { pkgconfig }) },
          start: evidence.start,
          end: evidence.end,
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
