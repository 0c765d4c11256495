export { parseSpec, type ParseResult } from "./parser/parse.js";
export { printSpec, printSpecBytes } from "./tree/print.js";
export { forEachLine } from "./tree/walk.js";
export { positionAt, type TextPosition } from "./text/positions.js";
export type * from "./tree/nodes.js";
export {
  inspectSpec,
  type InspectOptions,
  type InspectResult,
  type InspectUnknown,
  type InspectedPackage,
} from "./inspect/index.js";

import { allRules } from "../rules/index.js";
import { fixSpec as fixWithRules, lintSpec as lintWithRules } from "./engine/index.js";
import type { FixOptions, FixResult, LintOptions, LintResult } from "./engine/index.js";

/** Options of the library's `lintSpec`/`fixSpec`: every rule runs unless `rules` says otherwise. */
export type LibraryLintOptions = Omit<LintOptions, "rules"> & { rules?: LintOptions["rules"] };
export type LibraryFixOptions = Omit<FixOptions, "rules"> & { rules?: FixOptions["rules"] };

/** Lints a spec (text or bytes) with every rule of rpmspec-lint, or the given `rules`. */
export function lintSpec(input: string | Uint8Array, options: LibraryLintOptions = {}): LintResult {
  return lintWithRules(input, { ...options, rules: options.rules ?? allRules });
}

/** Lints and applies fixes until stable (safe ones unless `unsafe`), keeping BOM and line endings. */
export function fixSpec(input: string | Uint8Array, options: LibraryFixOptions = {}): FixResult {
  return fixWithRules(input, { ...options, rules: options.rules ?? allRules });
}

export { allRules };
export {
  applyFixes,
  defineRule,
  LintOptionsError,
  MAX_FIX_PASSES,
  RULE_DOCS_BASE_URL,
  ruleDocsUrl,
  type ApplyFixesOptions,
  type ApplyFixesResult,
  type Finding,
  type Fix,
  type FixApplicability,
  type FixOptions,
  type FixResult,
  type LintOptions,
  type LintResult,
  type Position,
  type Rule,
  type RuleMeta,
  type Severity,
  type SeveritySetting,
  type TextEdit,
} from "./engine/index.js";

export { loadSubmission, type Submission, type SubmissionKind, type SubmissionOptions } from "./review/submission.js";
export { SubmissionError } from "./review/submission-error.js";
export { reviewSubmission, type ReviewOptions } from "./review/report/review.js";
export type * from "./review/report/types.js";
