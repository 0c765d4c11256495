/**
 * Every rule, one import per file of this folder. The meta-test checks this list against the
 * files and the rule catalog, so keep it a plain list.
 */
import type { Rule } from "../src/engine/index.js";
import forbiddenTag from "./forbidden-tag.js";
import manualShebangFix from "./manual-shebang-fix.js";
import missingPython3Devel from "./missing-python3-devel.js";
import pyprojectSaveFilesGlob from "./pyproject-save-files-glob.js";
import pythonShebangNotMacro from "./python-shebang-not-macro.js";
import setupNotQuiet from "./setup-not-quiet.js";
import sharedDirectoryGlob from "./shared-directory-glob.js";
import shebangFlagsRedefined from "./shebang-flags-redefined.js";
import specSyntaxError from "./spec-syntax-error.js";
import summaryEndsWithPeriod from "./summary-ends-with-period.js";
import unusedDisableDirective from "./unused-disable-directive.js";

export const allRules: readonly Rule[] = [
  forbiddenTag,
  manualShebangFix,
  missingPython3Devel,
  pyprojectSaveFilesGlob,
  pythonShebangNotMacro,
  setupNotQuiet,
  sharedDirectoryGlob,
  shebangFlagsRedefined,
  specSyntaxError,
  summaryEndsWithPeriod,
  unusedDisableDirective,
];
