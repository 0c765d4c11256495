import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  DEPENDING_TAGS,
  resolveDependencies,
  specTags,
  tagTakesEffect,
} from "../src/evaluation/dependencies.js";
import { expandedRunsOf } from "../src/evaluation/macro-uses.js";
import { isCurrentPythonVersion, parsePythonDependencyName } from "../src/evaluation/python-dependencies.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { TagLine } from "../src/tree/nodes.js";

/**
 * Weak dependencies: tools that set up environments for other interpreters (tox, virtualenv)
 * may, as the guideline's exception, offer those interpreters this way.
 */
const WEAK_TAGS: ReadonlySet<string> = new Set(["recommends", "suggests"]);

/**
 * The spec build-requires its own python3's `-devel` (by name, through `%pyproject_buildrequires`
 * or a declarative build system): then another interpreter's `-devel` is no stand-in for it.
 */
function requiresOwnDevel(evaluation: Evaluation): boolean {
  if (evaluation.buildSystem !== null) return true;
  const generated = expandedRunsOf(evaluation, "pyproject_buildrequires").some(({ section }) => section.kind === "generate_buildrequires");
  if (generated) return true;
  for (const tag of specTags(evaluation)) {
    if (tag.name !== "buildrequires") continue;
    for (const dependency of resolveDependencies(evaluation, tag)) {
      const python = dependency.name === null ? null : parsePythonDependencyName(dependency.name);
      if (python?.form === "package" && python.rest === "devel" && python.version !== null && isCurrentPythonVersion(evaluation, python.version, tag.start)) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    name: "other-python-interpreter-dependency",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_python_version_support"),
    description:
      "A dependency on a CPython interpreter other than the distribution's `python3`: `python2…`, `python3.N`, `python3.N-…`, `python3.Ndist(…)`.",
    messages: {
      interpreter:
        "`{{tag}}: {{written}}` depends on the Python {{version}} interpreter{{resolved}}; Fedora packages must not depend on CPython versions other than python3",
      package:
        "`{{tag}}: {{written}}` depends on a package for Python {{version}}{{resolved}}; Fedora packages must not depend on CPython versions other than python3 (use the python3 package)",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    let ownDevel: boolean | null = null;
    const check = (line: TagLine): void => {
      if (!DEPENDING_TAGS.has(line.name) || !tagTakesEffect(evaluation, line)) return;
      for (const dependency of resolveDependencies(evaluation, line)) {
        if (dependency.name === null) continue;
        const python = parsePythonDependencyName(dependency.name);
        if (python === null || python.version === null) continue;
        if (isCurrentPythonVersion(evaluation, python.version, line.start)) continue;
        // The -devel of an alternate interpreter is how the guideline lets a package that uses
        // that interpreter instead of python3 meet the python3-devel requirement.
        if (python.form === "package" && python.rest === "devel" && line.name === "buildrequires") {
          ownDevel ??= requiresOwnDevel(evaluation);
          if (!ownDevel) continue;
        }
        if (python.form === "interpreter" && WEAK_TAGS.has(line.name)) continue;
        const written = dependency.written.name;
        context.report({
          messageId: python.form === "interpreter" ? "interpreter" : "package",
          data: {
            tag: line.tag.text,
            written: written.text,
            version: python.version,
            resolved: written.text === dependency.name ? "" : ` (\`${dependency.name}\`)`,
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
