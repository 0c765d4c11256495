import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  builtPackageNames,
  resolveDependencies,
  tagTakesEffect,
} from "../src/evaluation/dependencies.js";
import { expandedUsesOf } from "../src/evaluation/macro-uses.js";
import {
  isCurrentPythonVersion,
  matchesNameList,
  parsePythonDependencyName,
  UNVERSIONED_PYTHON_PACKAGES,
} from "../src/evaluation/python-dependencies.js";
import type { Evaluation, PackageModel } from "../src/evaluation/types.js";
import { plainMacroArguments, splitMacroArguments } from "../src/parser/macros.js";
import type { TagLine } from "../src/tree/nodes.js";

/**
 * The `FOO`s of the `python3-FOO` names a package has: its own name, its `Provides:` and its
 * `%py_provides` arguments.
 */
function python3Names(evaluation: Evaluation, model: PackageModel): Set<string> {
  const names: string[] = [];
  if (model.name !== null) names.push(model.name);
  for (const tag of model.tags) {
    if (tag.name !== "provides" || evaluation.livenessAt(tag.start) === "dead") continue;
    for (const dependency of resolveDependencies(evaluation, tag)) if (dependency.name !== null) names.push(dependency.name);
  }
  for (const { use } of expandedUsesOf(evaluation, "py_provides")) {
    if (evaluation.packageOf(use.start) !== model) continue;
    const argument = use.form === "plain" ? plainMacroArguments(evaluation.tree.text, use) : use.argument;
    const first = splitMacroArguments(argument?.text ?? "")[0];
    const name = first === undefined ? null : evaluation.expand(first, use.start).value;
    if (name !== null) names.push(name.trim());
  }
  const offset = model.header?.start ?? 0;
  const found = new Set<string>();
  for (const name of names) {
    const python = parsePythonDependencyName(name);
    if (python?.form === "package" && python.version !== null && isCurrentPythonVersion(evaluation, python.version, offset)) found.add(python.rest);
  }
  return found;
}

export default defineRule({
  meta: {
    name: "manual-python-provides",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("Automatic-unversioned-provides"),
    description:
      "`Provides: python-foo` / `python3.N-foo` written by hand beside `python3-foo`, instead of generated or given by `%py_provides`.",
    messages: {
      manual:
        "`{{tag}}: {{written}}` provides `{{name}}` by hand; the generator provides it for `python3-{{rest}}` (or write `%py_provides python3-{{rest}}`), which keeps its form current",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    const ownNames = builtPackageNames(evaluation);
    const python3NamesOf = new Map<PackageModel, Set<string>>();
    const check = (line: TagLine): void => {
      if (line.name !== "provides" || !tagTakesEffect(evaluation, line)) return;
      const model = evaluation.packageOf(line.start);
      if (model === null) return;
      for (const dependency of resolveDependencies(evaluation, line)) {
        const name = dependency.name;
        if (name === null || ownNames.has(name) || matchesNameList(UNVERSIONED_PYTHON_PACKAGES, name)) continue;
        const python = parsePythonDependencyName(name);
        if (python === null || python.form !== "package") continue;
        // `python-FOO` and `python3.N-FOO` are the aliases of `python3-FOO` that the generator
        // and `%py_provides` add; other `python-` names (`python-django-impl`) are no alias.
        if (python.version !== null && !/^3\.\d+$/.test(python.version)) continue;
        let python3 = python3NamesOf.get(model);
        if (python3 === undefined) {
          python3 = python3Names(evaluation, model);
          python3NamesOf.set(model, python3);
        }
        if (!python3.has(python.rest)) continue;
        const written = dependency.written.name;
        context.report({
          messageId: "manual",
          data: {
            tag: line.tag.text,
            written: written.text,
            name,
            rest: python.rest,
          },
          start: written.start,
          end: written.end,
        });
      }
    };
    return {
      tag: check,
    };
  },
});
