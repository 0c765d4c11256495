/**
 * Every rule, one import per file of this folder. The meta-test checks this list against the
 * files and the rule catalog, so keep it a plain list.
 */
import type { Rule } from "../src/engine/index.js";
import developmentExtraPackaged from "./development-extra-packaged.js";
import extraWithoutExactRequires from "./extra-without-exact-requires.js";
import extraWithoutMetadata from "./extra-without-metadata.js";
import extrasMacroMisuse from "./extras-macro-misuse.js";
import forbiddenTag from "./forbidden-tag.js";
import libraryBinaryName from "./library-binary-name.js";
import librarySourceName from "./library-source-name.js";
import manualShebangFix from "./manual-shebang-fix.js";
import missingPython3Devel from "./missing-python3-devel.js";
import plusInNameNotExtra from "./plus-in-name-not-extra.js";
import projectNameNotCanonical from "./project-name-not-canonical.js";
import pyprojectSaveFilesGlob from "./pyproject-save-files-glob.js";
import pythonShebangNotMacro from "./python-shebang-not-macro.js";
import setupNotQuiet from "./setup-not-quiet.js";
import sharedDirectoryGlob from "./shared-directory-glob.js";
import shebangFlagsRedefined from "./shebang-flags-redefined.js";
import specSyntaxError from "./spec-syntax-error.js";
import summaryEndsWithPeriod from "./summary-ends-with-period.js";
import unusedDisableDirective from "./unused-disable-directive.js";

export const allRules: readonly Rule[] = [
  developmentExtraPackaged,
  extraWithoutExactRequires,
  extraWithoutMetadata,
  extrasMacroMisuse,
  forbiddenTag,
  libraryBinaryName,
  librarySourceName,
  manualShebangFix,
  missingPython3Devel,
  plusInNameNotExtra,
  projectNameNotCanonical,
  pyprojectSaveFilesGlob,
  pythonShebangNotMacro,
  setupNotQuiet,
  sharedDirectoryGlob,
  shebangFlagsRedefined,
  specSyntaxError,
  summaryEndsWithPeriod,
  unusedDisableDirective,
];
