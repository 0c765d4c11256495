/**
 * Whether a spec "uses Python" in the sense of the rule catalog's scope, which decides whether
 * the distro-wide Python guidelines apply to it: a Python macro rpm expands, `BuildSystem:
 * pyproject`, a dependency on Python 3 or a Python 3 package, or `%files` entries in
 * site-packages. Lines that are dead for the target, comments and `%changelog` do not count.
 */
import { pythonScope, usesPyprojectBuildSystem } from "../../evaluation/python-scope.js";
import type { Evaluation } from "../../evaluation/types.js";
import { parseDependencies } from "../../parser/dependencies.js";
import { scanMacroUses } from "../../parser/macros.js";
import type { Dependency, SimpleDependency, TagLine } from "../../tree/nodes.js";

/** Tags whose dependencies say the spec needs Python at build or run time. */
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

/** `python3`, `python3-foo`, `python3dist(foo)`, `python3.12-foo`, `python(abi)`, `/usr/bin/python3`. */
const PYTHON_DEPENDENCY = /^(?:python3(?:$|[-.(]|dist\()|python\(abi\)|\/usr\/bin\/python3)/;

/** The `%{python3…}` family, `%{__python3}`, `%py3_*`, `%pyproject_*`, `%pytest`, `%tox`. */
function isPythonMacro(name: string): boolean {
  return (
    name.startsWith("python3") ||
    name === "__python3" ||
    name.startsWith("py3_") ||
    name.startsWith("pyproject_") ||
    name === "pytest" ||
    name === "tox"
  );
}

function simpleDependencies(dependencies: readonly Dependency[]): SimpleDependency[] {
  return dependencies.flatMap((dependency) => (dependency.kind === "simple" ? [dependency] : simpleDependencies(dependency.operands)));
}

function dependsOnPython(evaluation: Evaluation, tag: TagLine): boolean {
  if (!REQUIRING_TAGS.has(tag.name)) return false;
  const { dependencies } = parseDependencies(tag.value.text, tag.value.start, { tag: tag.name });
  return simpleDependencies(dependencies).some((dependency) => {
    const name = evaluation.expand(dependency.name.text, dependency.name.start).value;
    return name !== null && PYTHON_DEPENDENCY.test(name.trim());
  });
}

export function usesPython(evaluation: Evaluation): boolean {
  if (usesPyprojectBuildSystem(evaluation)) return true;
  const scope = pythonScope(evaluation);
  if (scope.shipsLibrary || scope.packages.some((contents) => contents.sitePackages.length > 0)) return true;
  const { tree } = evaluation;
  for (const section of tree.sections) {
    if (section.kind === "changelog") continue;
    const header = section.header;
    if (header !== null && evaluation.livenessAt(header.start) !== "dead") {
      if (scanMacroUses(tree.text, header.start, header.end).some((use) => isPythonMacro(use.name))) return true;
    }
    for (const line of section.lines) {
      if (line.type === "CommentLine" || line.type === "BlankLine") continue;
      if (evaluation.livenessAt(line.start) === "dead") continue;
      if (line.type === "TagLine" && dependsOnPython(evaluation, line)) return true;
      if (scanMacroUses(tree.text, line.start, line.end).some((use) => isPythonMacro(use.name))) return true;
    }
  }
  return false;
}
