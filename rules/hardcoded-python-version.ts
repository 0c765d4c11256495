import { defineRule, expandedTextVisitor, pythonGuideline } from "../src/engine/index.js";
import { DEPENDING_TAGS, resolveDependencies } from "../src/evaluation/dependencies.js";
import { expandedTextIncludes, expandMapped, writtenRange } from "../src/evaluation/expanded-text.js";
import { followsInterpreterVersion, INTERPRETER_LOCATION_MACROS, isInterpreterSpec, parsePythonDependencyName } from "../src/evaluation/python-dependencies.js";
import { usesPython } from "../src/evaluation/python-usage.js";
import { searchedTextOffsets } from "../src/evaluation/shell-scripts.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { commandBaseName } from "../src/parser/shell.js";
import type { SectionKind } from "../src/tree/nodes.js";
import { SCRIPT_SECTIONS } from "../src/parser/section-header.js";

/**
 * Sections whose text lines are shell that rpm runs. `%prep` is left out: what it names with a
 * version is usually a file of the upstream sources (a stale `__pycache__/x.cpython-312.pyc`).
 */
const CHECKED_SECTIONS: ReadonlySet<SectionKind> = new Set([...SCRIPT_SECTIONS].filter((kind) => kind !== "prep"));

/** Macros that choose the interpreter (another Python stack sets them to its version). */
const INTERPRETER_MACROS: ReadonlySet<string> = new Set([
  ...INTERPRETER_LOCATION_MACROS,
  "python3_version",
  "python3_version_nodots",
  "python3_pkgversion",
]);

/**
 * A Python version written into a name: `python3.12` (`/usr/include/python3.12`, `libpython3.12.so`,
 * `-lpython3.12`, pkg-config's `python-3.12`), `cpython-312` (extension and cache suffixes),
 * `py312` (a tox environment). `needle` is text every match contains: most values hold none, and
 * a substring test costs less than a search with the pattern.
 */
const VERSIONED_NAMES: ReadonlyArray<{ needle: string; pattern: RegExp; replacement: (text: string) => string }> = [
  {
    needle: "python",
    pattern: /(?:(?<![\w.+-])(?:lib)?|(?<=-l))python-?3\.(\d+)(?!\d)/g,
    replacement: (text) => text.replace(/3\.\d+$/, "%{python3_version}"),
  },
  { needle: "cpython-3", pattern: /(?<![\w-])cpython-3(\d{1,2})(?!\d)/g, replacement: () => "cpython-%{python3_version_nodots}" },
  { needle: "py3", pattern: /(?<![\w.+-])py3(\d{1,2})(?![\w.])/g, replacement: () => "py%{python3_version_nodots}" },
];

interface VersionedName {
  valueStart: number;
  valueEnd: number;
  version: string;
  replacement: string;
}

function findVersionedNames(value: string): VersionedName[] {
  const found: VersionedName[] = [];
  for (const { needle, pattern, replacement } of VERSIONED_NAMES) {
    if (!value.includes(needle)) continue;
    for (const match of value.matchAll(pattern)) {
      const text = match[0];
      const before = value.slice(Math.max(0, match.index - 12), match.index);
      // A shebang is python-shebang-not-macro's; the library directory is hardcoded-python-path's.
      if (/#!\s*(?:\/usr)?\/bin\/$/.test(before)) continue;
      if (text.startsWith("python") && /\/usr\/lib(?:64)?\/$/.test(before)) continue;
      found.push({ valueStart: match.index, valueEnd: match.index + text.length, version: `3.${match[1]!}`, replacement: replacement(text) });
    }
  }
  return found.sort((a, b) => a.valueStart - b.valueStart);
}

/** Python versions the spec depends on by name (`python3.9`, `python3.9-devel`, `/usr/bin/python3.9`): alternate interpreters it uses on purpose. */
function dependedVersions(evaluation: Evaluation): Set<string> {
  const versions = new Set<string>();
  for (const section of evaluation.tree.sections) {
    for (const line of section.lines) {
      if (line.type !== "TagLine" || !DEPENDING_TAGS.has(line.name) || evaluation.livenessAt(line.start) === "dead") continue;
      for (const dependency of resolveDependencies(evaluation, line)) {
        if (dependency.name === null) continue;
        // `python3.9-devel`, `python3.9dist(foo)`, or the interpreter's file `/usr/bin/python3.9`.
        const python = parsePythonDependencyName(dependency.name.startsWith("/") ? commandBaseName(dependency.name) : dependency.name);
        if (python?.version != null && python.version.includes(".")) versions.add(python.version);
      }
    }
  }
  return versions;
}

export default defineRule({
  meta: {
    name: "hardcoded-python-version",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_mandatory_macros"),
    description: "A literal Python version (`python3.12`, `cpython-312`) where `%{python3_version}` or `%{python3_version_nodots}` applies.",
    messages: {
      literal: "`{{written}}` hard-codes Python {{version}}; write `{{replacement}}` so the spec follows the interpreter it is built with",
    },
    fix: "none",
  },
  create(context) {
    const { tree, evaluation } = context;
    if (!usesPython(evaluation)) return {};
    if (isInterpreterSpec(evaluation)) return {};
    let alternates: Set<string> | null = null;

    const check = (start: number, end: number): void => {
      const raw = tree.text.slice(start, end);
      // Every versioned name holds `py`: most lines with a macro expand to none, and the mapped
      // expansion is built only for those that do.
      if (!raw.includes("py") && (!raw.includes("%") || !expandedTextIncludes(evaluation, start, end, "py"))) return;
      const mapped = expandMapped(evaluation, start, end);
      for (const name of findVersionedNames(mapped.value)) {
        const written = writtenRange(mapped, name.valueStart, name.valueEnd);
        if (written.withinOneMacro) continue;
        const writtenText = tree.text.slice(written.start, written.end);
        if (writtenText.includes("%") && followsInterpreterVersion(evaluation, writtenText, written.start)) continue;
        if (searchedTextOffsets(evaluation).has(written.start)) continue;
        alternates ??= dependedVersions(evaluation);
        if (alternates.has(name.version)) continue;
        context.report({
          messageId: "literal",
          data: {
            written: writtenText,
            version: name.version,
            replacement: name.replacement,
          },
          start: written.start,
          end: written.end,
        });
      }
    };

    return expandedTextVisitor({ sections: CHECKED_SECTIONS, skippedDefinitions: INTERPRETER_MACROS }, check);
  },
});
