import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { expandedUsesOfAny } from "../src/evaluation/macro-uses.js";
import { splitMacroArguments } from "../src/parser/macros.js";

const MACRO = "python3_pkgversion";
const DEFINING_MACROS: ReadonlySet<string> = new Set(["global", "define", "undefine"]);

export default defineRule({
  meta: {
    name: "python3-pkgversion-redefined",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("python3_pkgversion"),
    description: "`%global`/`%define python3_pkgversion`: Fedora packages may use the macro but must not redefine it.",
    messages: {
      redefined:
        "`%{{keyword}} python3_pkgversion` changes the distribution-wide Python version; Fedora packages may use `%{python3_pkgversion}` but must not redefine it",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    // Stacks of other Python versions (EPEL's python3.11, python39…) are built by defining it;
    // the rule is Fedora's.
    if (evaluation.target.fedora === null) return {};
    return {
      macroDefinition(line) {
        if (line.name.text !== MACRO) return;
        context.report({
          messageId: "redefined",
          data: { keyword: line.keyword },
          start: line.start,
          end: line.name.end,
        });
      },
      endOfFile() {
        // `%{?cond:%global python3_pkgversion 3.11}`: a definition made by expanding a line.
        for (const { use } of expandedUsesOfAny(evaluation, DEFINING_MACROS)) {
          if (use.form !== "plain" || use.argument === null) continue;
          if (splitMacroArguments(use.argument.text)[0] !== MACRO) continue;
          context.report({
            messageId: "redefined",
            data: { keyword: use.name },
            start: use.start,
            end: use.argument.start + MACRO.length,
          });
        }
      },
    };
  },
});
