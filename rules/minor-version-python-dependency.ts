import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  DEPENDING_TAGS,
  resolveDependencies,
  tagTakesEffect,
} from "../src/evaluation/dependencies.js";
import {
  isCurrentPythonVersion,
  followsInterpreterVersion,
  parsePythonDependencyName,
} from "../src/evaluation/python-dependencies.js";
import type { TagLine } from "../src/tree/nodes.js";

export default defineRule({
  meta: {
    name: "minor-version-python-dependency",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_dependencies"),
    description: "An explicit dependency with a minor-version prefix written out: `python3.N-foo`, `python3.Ndist(foo)`.",
    messages: {
      package:
        "`{{tag}}: {{written}}` names Python {{version}} explicitly{{resolved}}; depend on `{{unversioned}}` or take the version from `%{python3_version}`",
      interpreter:
        "`{{tag}}: {{written}}` names the Python {{version}} interpreter explicitly{{resolved}}; such dependencies should be generated automatically",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    const check = (line: TagLine): void => {
      if (!DEPENDING_TAGS.has(line.name) || !tagTakesEffect(evaluation, line)) return;
      for (const dependency of resolveDependencies(evaluation, line)) {
        if (dependency.name === null) continue;
        const python = parsePythonDependencyName(dependency.name);
        const version = python?.version;
        if (python === null || version === undefined || version === null || !/^3\.\d+$/.test(version)) continue;
        const written = dependency.written.name;
        if (followsInterpreterVersion(evaluation, written.text, line.start)) continue;
        // The bare interpreter of another version is other-python-interpreter-dependency's.
        const isInterpreter = python.form === "interpreter";
        if (isInterpreter && !isCurrentPythonVersion(evaluation, version, line.start)) continue;
        context.report({
          messageId: isInterpreter ? "interpreter" : "package",
          data: {
            tag: line.tag.text,
            written: written.text,
            version,
            resolved: written.text === dependency.name ? "" : ` (\`${dependency.name}\`)`,
            unversioned: python.form === "dist" ? `python3dist(${python.rest})` : `python3-${python.rest}`,
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
