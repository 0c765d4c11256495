import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { resolveDependencies, tagTakesEffect } from "../src/evaluation/dependencies.js";
import { isCurrentPythonVersion, parsePythonDependencyName } from "../src/evaluation/python-dependencies.js";
import { pythonScope, shipsImportableContent } from "../src/evaluation/python-scope.js";
import type { TagLine } from "../src/tree/nodes.js";

export default defineRule({
  meta: {
    name: "explicit-python3-requires",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_dependencies"),
    description: "`Requires: python3` or `Requires: python(abi)` in a package that gets them generated automatically.",
    messages: {
      explicit:
        "`{{tag}}: {{written}}` is redundant: {{package}} installs Python modules, so rpm generates its `python(abi)` dependency; remove the explicit requirement",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    const scope = pythonScope(evaluation);
    const check = (line: TagLine): void => {
      // Scriptlet requirements (`Requires(post): python3`) are never generated.
      if (line.name !== "requires" || line.qualifiers !== null || !tagTakesEffect(evaluation, line)) return;
      const model = evaluation.packageOf(line.start);
      const contents = scope.contentsOf(model);
      // Only a package that installs into site-packages is sure to get `python(abi)`; one that
      // runs python3 in another way needs the requirement.
      if (contents === undefined || !shipsImportableContent(contents)) return;
      for (const dependency of resolveDependencies(evaluation, line)) {
        if (dependency.name === null || dependency.inRich) continue;
        const python = parsePythonDependencyName(dependency.name);
        if (python === null) continue;
        const interpreter = python.form === "interpreter" && python.version !== null && python.version === "3";
        const ownStack = python.form === "interpreter" && python.version !== null && isCurrentPythonVersion(evaluation, python.version, line.start) && dependency.written.name.text.includes("%");
        if (python.form !== "abi" && !interpreter && !ownStack) continue;
        const written = dependency.written;
        context.report({
          messageId: "explicit",
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
