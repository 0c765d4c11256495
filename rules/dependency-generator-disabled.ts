import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { expandedUsesOf } from "../src/evaluation/macro-uses.js";
import { pythonScope, shipsMetadata } from "../src/evaluation/python-scope.js";
import { splitMacroArguments } from "../src/parser/macros.js";

/** The macro that runs the Python run-time dependency generator. */
const GENERATOR_MACRO = "__pythondist_requires";
const DISABLING_MACRO = "python_disable_dependency_generator";
/** Tags that turn off rpm's automatic requirements, the Python ones included. */
const AUTOMATIC_REQUIRES_TAGS: ReadonlySet<string> = new Set(["autoreq", "autoreqprov"]);

export default defineRule({
  meta: {
    name: "dependency-generator-disabled",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_requires_and_buildrequires_with_standardized_names"),
    description:
      "The Python run-time dependency generator turned off (`%{?python_disable_dependency_generator}`, `%undefine __pythondist_requires`).",
    messages: {
      disabled:
        "`{{written}}` turns off the Python run-time dependency generator, which packages must use; fix the metadata with a patch (or filter single requirements) instead",
      autoReq:
        "`{{written}}` turns off automatic requirements of {{package}}, the Python run-time dependency generator's included, which packages must use",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    const emptiesGenerator = (body: string, offset: number): boolean => {
      const value = evaluation.expand(body, offset).value;
      return value !== null && value.trim() === "";
    };
    return {
      macroDefinition(line) {
        if (line.name.text !== GENERATOR_MACRO) return;
        if (line.keyword !== "undefine" && (line.body === null || !emptiesGenerator(line.body.text, line.start))) return;
        context.report({
          messageId: "disabled",
          data: { written: tree.text.slice(line.start, line.name.end) },
          start: line.start,
          end: line.name.end,
        });
      },
      tagLine(line) {
        if (!AUTOMATIC_REQUIRES_TAGS.has(line.name)) return;
        const value = (evaluation.expand(line.value.text, line.start).value ?? "").trim().toLowerCase();
        if (value !== "no" && value !== "0") return;
        const model = evaluation.packageOf(line.start);
        const contents = pythonScope(evaluation).contentsOf(model);
        if (contents === undefined || !contents.built || !shipsMetadata(contents)) return;
        context.report({
          messageId: "autoReq",
          data: {
            written: `${line.tag.text}: ${line.value.text}`,
            package: contents.package.name ?? contents.package.nameAsWritten,
          },
          start: line.start,
          end: line.value.end,
        });
      },
      endOfFile() {
        for (const { use } of expandedUsesOf(evaluation, DISABLING_MACRO)) {
          context.report({
            messageId: "disabled",
            data: { written: tree.text.slice(use.start, use.end) },
            start: use.start,
            end: use.end,
          });
        }
        // `%{?cond:%undefine __pythondist_requires}`: an undefinition made by expanding a line.
        for (const { use } of expandedUsesOf(evaluation, "undefine")) {
          if (use.form !== "plain" || use.argument === null || splitMacroArguments(use.argument.text)[0] !== GENERATOR_MACRO) continue;
          context.report({
            messageId: "disabled",
            data: { written: `%undefine ${GENERATOR_MACRO}` },
            start: use.start,
            end: use.argument.start + GENERATOR_MACRO.length,
          });
        }
      },
    };
  },
});
