/**
 * The catalog's first scope question: does a spec use Python at all? The distro-wide guidelines
 * (mandatory macros, interpreter versions) apply to every spec that does, whether or not it ships
 * a library. Rules that report on it also need to say where the spec shows it, so the answer is
 * the evidence itself.
 */
import { DEPENDING_TAGS } from "../parser/dependencies.js";
import type { TagLine } from "../tree/nodes.js";
import { resolveDependencies, specTags } from "./dependencies.js";
import { expandedUsesByName } from "./macro-uses.js";
import { pythonScope } from "./python-scope.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation, Liveness } from "./types.js";

/** The Python macros that show a spec uses Python: `%{python3…}`, `%{__python3}`, `%py3_*`, `%pyproject_*`, `%pytest`, `%tox`. */
export function isPythonMacroName(name: string): boolean {
  return (
    name.startsWith("python3") ||
    name === "__python3" ||
    name.startsWith("py3_") ||
    name.startsWith("pyproject_") ||
    name === "pytest" ||
    name === "tox"
  );
}

/**
 * Tags by which a package relates to Python 3 packages: the depending tags, and the reverse weak
 * dependencies (`Supplements:`, `Enhances:`), which rpm counts among the weak dependencies too.
 */
const PYTHON_RELATING_TAGS: ReadonlySet<string> = new Set([...DEPENDING_TAGS, "supplements", "enhances"]);

/** `python3`, `python3-foo`, `python3dist(foo)`, `python3.12-foo`, `python(abi)`, `/usr/bin/python3`. */
const PYTHON_DEPENDENCY = /^(?:python3(?:$|[-.(]|dist\()|python\(abi\)|\/usr\/bin\/python3)/;

/** Most dependencies start with neither word of the pattern, and a prefix test costs less than the regexp. */
function isPythonDependency(name: string): boolean {
  return (name.startsWith("python") || name.startsWith("/usr/bin/python3")) && PYTHON_DEPENDENCY.test(name);
}

/** One place that shows the spec uses Python for the target. */
export interface PythonUsageEvidence {
  start: number;
  end: number;
  /** The construct as written: `%{python3}`, `BuildRequires: python3-foo`, a `%files` path, `BuildSystem: pyproject`. */
  what: string;
  /** Never `dead`: constructs in branches that are dead for the target show nothing. */
  liveness: Exclude<Liveness, "dead">;
}

export interface PythonUsage {
  /**
   * In file order; at the same offset a dependency comes before the macro it is written with
   * and a macro before the `%files` path it starts.
   */
  readonly evidence: readonly PythonUsageEvidence[];
}

const usageOf = oncePerEvaluation<PythonUsage>((evaluation) => ({ evidence: collectEvidence(evaluation) }));

/**
 * Where the spec uses Python for the target: Python macros rpm expands (comments, `%changelog`,
 * untaken `%{?name:…}` bodies and unused `%define` bodies left out), `BuildSystem: pyproject`,
 * dependencies on Python 3 or Python 3 packages (also those a preamble declares through
 * `%{?cond:Tag: …}`), and `%files` entries in site-packages.
 */
export function pythonUsage(evaluation: Evaluation): PythonUsage {
  return usageOf(evaluation);
}

/** The spec uses Python for the target (see {@link pythonUsage}). */
export function usesPython(evaluation: Evaluation): boolean {
  return pythonUsage(evaluation).evidence.length > 0;
}

function collectEvidence(evaluation: Evaluation): PythonUsageEvidence[] {
  const { text } = evaluation.tree;
  const evidence: PythonUsageEvidence[] = [];
  const add = (start: number, end: number, what: string, liveness: Liveness): void => {
    if (liveness !== "dead") evidence.push({ start, end, what, liveness });
  };

  for (const tag of dependencyTags(evaluation)) {
    // Without macros, a value names Python only where it says so; most values need no resolving.
    const value = tag.value.text;
    if (!value.includes("python") && !value.includes("%")) continue;
    const liveness = evaluation.livenessAt(tag.start);
    // The dependencies a written one resolves to follow each other: one evidence for them all.
    let lastWritten: unknown = null;
    const dependencies = resolveDependencies(evaluation, tag);
    for (let index = 0; index < dependencies.length; index++) {
      const dependency = dependencies[index]!;
      if (dependency.name === null || !isPythonDependency(dependency.name) || dependency.written === lastWritten) continue;
      lastWritten = dependency.written;
      add(dependency.written.start, dependency.written.end, `${tag.tag.text}: ${dependency.written.name.text}`, liveness);
    }
  }
  // Each macro name is used several times in a spec: the names are tested, not every use.
  for (const [name, uses] of expandedUsesByName(evaluation)) {
    if (!isPythonMacroName(name)) continue;
    for (const { use, liveness } of uses) add(use.start, use.end, text.slice(use.start, use.end), liveness);
  }
  for (const contents of pythonScope(evaluation).packages) {
    for (const { line, path } of contents.sitePackages) add(path.start, path.end, path.text, evaluation.livenessAt(line.start));
  }
  const buildSystem = evaluation.buildSystem;
  if (buildSystem !== null && buildSystem.name === "pyproject") {
    const { tag } = buildSystem;
    add(tag.start, tag.end, `${tag.tag.text}: ${tag.value.text}`, buildSystem.liveness);
  }
  // A stable sort keeps the order of the passes above among evidence at the same offset.
  return evidence.sort((a, b) => a.start - b.start);
}

/** The dependency tags that are not dead, with those declared in preamble macro bodies. */
function dependencyTags(evaluation: Evaluation): TagLine[] {
  return specTags(evaluation).filter((tag) => PYTHON_RELATING_TAGS.has(tag.name));
}
