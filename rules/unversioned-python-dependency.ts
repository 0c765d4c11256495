import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  builtPackageNames,
  DEPENDING_TAGS,
  resolveDependencies,
  tagTakesEffect,
} from "../src/evaluation/dependencies.js";
import {
  matchesNameList,
  parsePythonDependencyName,
  UNVERSIONED_PYTHON_PACKAGES,
} from "../src/evaluation/python-dependencies.js";
import type { TagLine } from "../src/tree/nodes.js";

export default defineRule({
  meta: {
    name: "unversioned-python-dependency",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_dependencies"),
    description: "A `Requires`/`BuildRequires` on an unversioned `python-foo` name where `python3-foo` is meant.",
    messages: {
      unversioned:
        "`{{tag}}: {{written}}` depends on the unversioned name `{{name}}`; depend on `{{versioned}}` instead",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    /** The spec's own packages: `python-foo-doc` built here is a name, not a prefix choice. */
    const ownNames = builtPackageNames(evaluation);
    const check = (line: TagLine): void => {
      if (!DEPENDING_TAGS.has(line.name) || !tagTakesEffect(evaluation, line)) return;
      for (const dependency of resolveDependencies(evaluation, line)) {
        const name = dependency.name;
        if (name === null || ownNames.has(name) || matchesNameList(UNVERSIONED_PYTHON_PACKAGES, name)) continue;
        const python = parsePythonDependencyName(name);
        if (python === null || python.form !== "package" || python.version !== null) continue;
        const written = dependency.written.name;
        context.report({
          messageId: "unversioned",
          data: {
            tag: line.tag.text,
            written: written.text,
            name,
            versioned: `python3-${python.rest}`,
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
