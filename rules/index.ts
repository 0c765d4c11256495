/**
 * Every rule, one import per file of this folder. The meta-test checks this list against the
 * files and the rule catalog, so keep it a plain list.
 */
import type { Rule } from "../src/engine/index.js";
import forbiddenTag from "./forbidden-tag.js";
import setupNotQuiet from "./setup-not-quiet.js";
import specSyntaxError from "./spec-syntax-error.js";
import summaryEndsWithPeriod from "./summary-ends-with-period.js";
import unusedDisableDirective from "./unused-disable-directive.js";

export const allRules: readonly Rule[] = [
  forbiddenTag,
  setupNotQuiet,
  specSyntaxError,
  summaryEndsWithPeriod,
  unusedDisableDirective,
];
