import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { resolveDependencies, tagTakesEffect } from "../src/evaluation/dependencies.js";
import { parsePythonDependencyName } from "../src/evaluation/python-dependencies.js";
import type { TagLine } from "../src/tree/nodes.js";

export default defineRule({
  meta: {
    name: "manual-python3dist-provides",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_automatic_provides_with_a_standardized_name"),
    description: "`Provides: python3dist(…)` / `python3.Ndist(…)` written by hand instead of generated from the dist-info metadata.",
    messages: {
      manual:
        "`{{tag}}: {{written}}` provides `{{name}}` by hand; it is generated from the package's dist-info metadata, so fix the metadata instead",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    const check = (line: TagLine): void => {
      if (line.name !== "provides" || !tagTakesEffect(evaluation, line)) return;
      for (const dependency of resolveDependencies(evaluation, line)) {
        if (dependency.name === null || parsePythonDependencyName(dependency.name)?.form !== "dist") continue;
        const written = dependency.written.name;
        context.report({
          messageId: "manual",
          data: {
            tag: line.tag.text,
            written: written.text,
            name: dependency.name,
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
