import { defineEngineRule, ruleDocsUrl } from "../src/engine/index.js";

/** Reported by the engine after suppression directives have been applied to the other findings. */
export default defineEngineRule({
  meta: {
    name: "unused-disable-directive",
    severity: "warning",
    type: "suggestion",
    guideline: `${ruleDocsUrl("unused-disable-directive")}#why`,
    description: "A `# rpmspec-lint: disable=…` comment silences nothing (or cannot be read).",
    messages: {
      unused: "`disable={{rule}}` silences nothing: line {{line}} has no {{rule}} finding",
      unusedFile: "`disable-file={{rule}}` silences nothing: the file has no {{rule}} finding",
      nothingFollows: "`disable={{rule}}` silences nothing: no line follows the directive",
      unknownRule: "`{{rule}}` in this directive is not an rpmspec-lint rule",
      malformed: "this rpmspec-lint directive cannot be read: {{problem}}",
    },
    fix: "none",
  },
});
