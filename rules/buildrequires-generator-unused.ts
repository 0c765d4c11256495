import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { expandedRunsOf, expandedUsesOfAny } from "../src/evaluation/macro-uses.js";
import { compareRpmVersions } from "../src/evaluation/targets.js";

/** The pyproject macros that build and install: a spec using them can use the generator too. */
const PYPROJECT_BUILD_MACROS: ReadonlySet<string> = new Set(["pyproject_wheel", "pyproject_install"]);
const GENERATOR_MACRO = "pyproject_buildrequires";
/** rpm learnt `%generate_buildrequires` in 4.15. */
const GENERATOR_RPM = "4.15";

export default defineRule({
  meta: {
    name: "buildrequires-generator-unused",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_build_time_dependency_generator"),
    description: "The pyproject macros build the package, but no `%generate_buildrequires` runs `%pyproject_buildrequires`.",
    messages: {
      unused:
        "`{{macro}}` builds with the pyproject macros, but no `%generate_buildrequires` section runs `%pyproject_buildrequires`; use the build-dependency generator instead of listing the BuildRequires by hand",
      misplaced:
        "`{{macro}}` builds with the pyproject macros, but `%pyproject_buildrequires` runs in {{section}} (line {{line}}), where its output is never read; call it in a `%generate_buildrequires` section",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        if (evaluation.buildSystem !== null || compareRpmVersions(evaluation.target.rpmVersion, GENERATOR_RPM) < 0) return;
        const first = expandedUsesOfAny(evaluation, PYPROJECT_BUILD_MACROS)[0];
        if (first === undefined) return;
        const runs = expandedRunsOf(evaluation, GENERATOR_MACRO);
        if (runs.some(({ section }) => section.kind === "generate_buildrequires")) return;
        const misplaced = runs[0];
        context.report({
          messageId: misplaced === undefined ? "unused" : "misplaced",
          data: {
            macro: `%${first.use.name}`,
            ...(misplaced !== undefined && { section: misplaced.section.header === null ? "the preamble" : `\`%${misplaced.section.header.name}\``, line: misplaced.line.line }),
          },
          start: first.use.start,
          end: first.use.end,
        });
      },
    };
  },
});
