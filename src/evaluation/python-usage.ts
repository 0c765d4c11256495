/**
 * The catalog's first scope question: does a spec use Python at all? The distro-wide guidelines
 * (mandatory macros, interpreter versions) apply to every spec that does, whether or not it ships
 * a library.
 */
import { DEPENDING_TAGS, resolveDependencies } from "./dependencies.js";
import { expandedMacroUses } from "./macro-uses.js";
import { pythonScope, usesPyprojectBuildSystem } from "./python-scope.js";
import type { Evaluation } from "./types.js";

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

/** `python3`, `python3-foo`, `python3dist(foo)`, `python3.12-foo`, `python(abi)`, `/usr/bin/python3`. */
const PYTHON_DEPENDENCY = /^(?:python3(?:$|[-.(]|dist\()|python\(abi\)|\/usr\/bin\/python3)/;

const cache = new WeakMap<Evaluation, boolean>();

/**
 * The spec uses Python for the target: a Python macro rpm expands, `BuildSystem: pyproject`, a
 * dependency on Python 3 or a Python 3 package, or `%files` entries in site-packages.
 */
export function usesPython(evaluation: Evaluation): boolean {
  let uses = cache.get(evaluation);
  if (uses === undefined) {
    uses = computeUsesPython(evaluation);
    cache.set(evaluation, uses);
  }
  return uses;
}

function computeUsesPython(evaluation: Evaluation): boolean {
  if (usesPyprojectBuildSystem(evaluation)) return true;
  if (pythonScope(evaluation).packages.some((contents) => contents.sitePackages.length > 0)) return true;
  if (expandedMacroUses(evaluation).some(({ use }) => isPythonMacroName(use.name))) return true;
  for (const section of evaluation.tree.sections) {
    for (const line of section.lines) {
      if (line.type !== "TagLine" || !DEPENDING_TAGS.has(line.name) || evaluation.livenessAt(line.start) === "dead") continue;
      if (resolveDependencies(evaluation, line).some((dependency) => dependency.name !== null && PYTHON_DEPENDENCY.test(dependency.name))) {
        return true;
      }
    }
  }
  return false;
}
