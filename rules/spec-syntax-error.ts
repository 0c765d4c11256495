import { defineEngineRule, RPM_SPEC_MANUAL_URL } from "../src/engine/index.js";

/**
 * The parser's diagnostics, reported by the engine: they exist before any rule runs, and a
 * structural error matters whatever the target, so they are reported even in dead branches.
 */
export default defineEngineRule({
  meta: {
    name: "spec-syntax-error",
    severity: "error",
    type: "problem",
    guideline: `${RPM_SPEC_MANUAL_URL}#generic-syntax`,
    description: "The spec cannot be read the way rpm reads it (unterminated %if, unclosed %{, misplaced tag…).",
    messages: {
      syntaxError: "{{message}}",
    },
    fix: "none",
  },
});
