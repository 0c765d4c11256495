import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { expandedUsesOf } from "../src/evaluation/macro-uses.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { plainMacroArguments } from "../src/parser/macros.js";

/** The macros `%pypi_source` falls back to, in its own order; the last one is always defined. */
const DEFAULT_NAME_MACROS = ["srcname", "pypi_name", "name"] as const;

/** The macro `%pypi_source` takes its project name from at `offset`; null when that is not known. */
function defaultNameMacro(evaluation: Evaluation, offset: number): string | null {
  for (const name of DEFAULT_NAME_MACROS) {
    const definition = evaluation.definitionAt(name, offset);
    if (definition === null) return null;
    if (definition !== undefined || name === "name") return name;
  }
  return null;
}

export default defineRule({
  meta: {
    name: "pypi-source-without-name",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("pypi_source"),
    description: "A bare `%{pypi_source}`: omitting its project-name argument is deprecated.",
    messages: {
      bare: "`{{written}}` leaves out the project name, which is deprecated; write `%{pypi_source {{suggestion}}}`",
    },
    fix: "safe",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      endOfFile() {
        for (const { use, definition } of expandedUsesOf(evaluation, "pypi_source")) {
          if (use.form !== "plain" && use.form !== "braced") continue;
          const argument = use.form === "plain" ? plainMacroArguments(tree.text, use) : use.argument;
          if (argument !== null && argument.text.trim().length > 0) continue;
          // Inside a `%define` body the fallback is taken where the macro is used, not here.
          const fallback = definition === null ? defaultNameMacro(evaluation, use.start) : null;
          context.report({
            messageId: "bare",
            data: {
              written: tree.text.slice(use.start, use.end),
              suggestion: fallback === null ? "NAME" : `%{${fallback}}`,
            },
            start: use.start,
            end: use.end,
            ...(fallback !== null && {
              fix: {
                title: `Pass %{${fallback}} to %pypi_source`,
                edits: [{ start: use.start, end: use.end, text: `%{pypi_source %{${fallback}}}` }],
              },
            }),
          });
        }
      },
    };
  },
});
