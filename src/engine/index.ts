/** The rule engine's public surface: for rule files, the library entry and the CLI. */
export type {
  Finding,
  Fix,
  FixApplicability,
  Position,
  Report,
  Rule,
  RuleContext,
  RuleMeta,
  RuleType,
  RuleVisitor,
  Severity,
  SeveritySetting,
  TextEdit,
} from "./types.js";
export {
  defineEngineRule,
  defineRule,
  RULE_DOCS_BASE_URL,
  ruleDocsUrl,
  SYNTAX_ERROR_RULE,
  UNUSED_DIRECTIVE_RULE,
  type RuleDefinition,
} from "./define-rule.js";
export { lintEvaluated, lintSpec, LintOptionsError, type LintOptions, type LintResult } from "./lint.js";
export { fixSpec, MAX_FIX_PASSES, type FixOptions, type FixResult } from "./fix.js";
export { applyFixes, type ApplyFixesOptions, type ApplyFixesResult } from "./apply-fixes.js";
export { deleteLine, insertLineAfter, insertLineBefore, newlineAt, replaceSpan, tagLineLike, type Newline } from "./edits.js";
export {
  PACKAGING_GUIDELINES_URL,
  packagingGuideline,
  PYTHON_GUIDELINES_URL,
  pythonGuideline,
  RPM_SPEC_MANUAL_URL,
} from "./guidelines.js";
export { parseDirective, type Directive, type DirectiveParse } from "./directives.js";
export { commentTargets, lineEntries, type LineEntry } from "./lines.js";
export { expandedTextVisitor, type ExpandedTextScope } from "./expanded-text-visitor.js";
