import { defineRule, pythonGuideline } from "../src/engine/index.js";

/**
 * `%{py3_shebang_flags}` is assembled by python-rpm-macros from one macro per flag; a spec that
 * does not want a flag undefines that macro, so automation that adds flags later still applies.
 */
const FLAGS_MACRO = "py3_shebang_flags";

export default defineRule({
  meta: {
    name: "shebang-flags-redefined",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_shebangs"),
    description: "`%global`/`%define py3_shebang_flags …` instead of undefining `_py3_shebang_s` / `_py3_shebang_P`.",
    messages: {
      redefined:
        "`%{{keyword}} py3_shebang_flags` replaces the flags python-rpm-macros puts in Python shebangs; to drop `-s` or `-P`, write `%undefine _py3_shebang_s` or `%undefine _py3_shebang_P` instead",
      undefined:
        "`%undefine py3_shebang_flags` removes every flag python-rpm-macros puts in Python shebangs; to drop `-s` or `-P`, undefine `_py3_shebang_s` or `_py3_shebang_P` instead",
    },
    fix: "none",
  },
  create(context) {
    return {
      macroDefinition(line) {
        if (line.name.text !== FLAGS_MACRO) return;
        context.report({
          messageId: line.keyword === "undefine" ? "undefined" : "redefined",
          data: { keyword: line.keyword },
          start: line.start,
          end: line.name.end,
        });
      },
    };
  },
});
