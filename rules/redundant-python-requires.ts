import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  builtPackageNames,
  resolveDependencies,
  tagTakesEffect,
} from "../src/evaluation/dependencies.js";
import { expandedUsesOf } from "../src/evaluation/macro-uses.js";
import {
  isCurrentPythonVersion,
  INTERPRETER_SUBPACKAGES,
  matchesNameList,
  parsePythonDependencyName,
} from "../src/evaluation/python-dependencies.js";
import { pythonScope, shipsMetadata } from "../src/evaluation/python-scope.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { TagLine } from "../src/tree/nodes.js";

/** The spec turns the run-time generator off (dependency-generator-disabled reports how). */
function generatorDisabled(evaluation: Evaluation): boolean {
  if (expandedUsesOf(evaluation, "python_disable_dependency_generator").length > 0) return true;
  return evaluation.definitionAt("__pythondist_requires", evaluation.tree.text.length) === undefined;
}

export default defineRule({
  meta: {
    name: "redundant-python-requires",
    severity: "info",
    type: "suggestion",
    guideline: pythonGuideline("_requires_and_buildrequires_with_standardized_names"),
    description:
      "A hand-written run-time `Requires: python3-foo` / `python3dist(foo)` in a package whose requirements the Python dependency generator produces.",
    messages: {
      redundant:
        "`{{tag}}: {{written}}` may repeat what the dependency generator reads from {{package}}'s metadata; keep it only if upstream's metadata lacks it (and then better patch the metadata)",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    const scope = pythonScope(evaluation);
    const ownNames = builtPackageNames(evaluation);
    let disabled: boolean | null = null;
    const check = (line: TagLine): void => {
      if (line.name !== "requires" || line.qualifiers !== null || !tagTakesEffect(evaluation, line)) return;
      const model = evaluation.packageOf(line.start);
      const contents = scope.contentsOf(model);
      if (contents === undefined || !shipsMetadata(contents)) return;
      disabled ??= generatorDisabled(evaluation);
      if (disabled) return;
      for (const dependency of resolveDependencies(evaluation, line)) {
        const name = dependency.name;
        // A rich dependency says more than the generator can (`(python3-foo if python3-bar)`).
        if (name === null || dependency.inRich || ownNames.has(name) || matchesNameList(INTERPRETER_SUBPACKAGES, name)) continue;
        const python = parsePythonDependencyName(name);
        if (python === null || (python.form !== "package" && python.form !== "dist")) continue;
        if (python.version === null) continue;
        if (!isCurrentPythonVersion(evaluation, python.version, line.start)) continue;
        const written = dependency.written;
        context.report({
          messageId: "redundant",
          data: {
            tag: line.tag.text,
            written: context.tree.text.slice(written.start, written.end),
            package: contents.package.name ?? contents.package.nameAsWritten,
          },
          start: written.name.start,
          end: written.name.end,
        });
      }
    };
    return {
      tag: check,
    };
  },
});
