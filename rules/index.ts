/**
 * Every rule, one import per file of this folder. The meta-test checks this list against the
 * files and the rule catalog, so keep it a plain list.
 */
import type { Rule } from "../src/engine/index.js";
import buildrequiresGeneratorUnused from "./buildrequires-generator-unused.js";
import bytecodeWithoutSource from "./bytecode-without-source.js";
import changelogFormat from "./changelog-format.js";
import coreTagInConditional from "./core-tag-in-conditional.js";
import cythonSourcesNotRegenerated from "./cython-sources-not-regenerated.js";
import defineInsteadOfGlobal from "./define-instead-of-global.js";
import dependencyFiltered from "./dependency-filtered.js";
import dependencyGeneratorDisabled from "./dependency-generator-disabled.js";
import deprecatedPythonMacro from "./deprecated-python-macro.js";
import developmentExtraPackaged from "./development-extra-packaged.js";
import duplicateTag from "./duplicate-tag.js";
import explicitPython3Requires from "./explicit-python3-requires.js";
import extraWithoutExactRequires from "./extra-without-exact-requires.js";
import extraWithoutMetadata from "./extra-without-metadata.js";
import extrasMacroMisuse from "./extras-macro-misuse.js";
import forbiddenTag from "./forbidden-tag.js";
import hardcodedDistTag from "./hardcoded-dist-tag.js";
import hardcodedPythonPath from "./hardcoded-python-path.js";
import hardcodedPythonVersion from "./hardcoded-python-version.js";
import libraryBinaryName from "./library-binary-name.js";
import librarySourceName from "./library-source-name.js";
import licenseNotSpdx from "./license-not-spdx.js";
import linterInCheck from "./linter-in-check.js";
import macroInChangelog from "./macro-in-changelog.js";
import macroInComment from "./macro-in-comment.js";
import manualPythonProvides from "./manual-python-provides.js";
import manualPython3distProvides from "./manual-python3dist-provides.js";
import manualShebangFix from "./manual-shebang-fix.js";
import minorVersionPythonDependency from "./minor-version-python-dependency.js";
import missingDistInfo from "./missing-dist-info.js";
import missingPython3Devel from "./missing-python3-devel.js";
import missingRequiredTag from "./missing-required-tag.js";
import missingTests from "./missing-tests.js";
import mixedBuildrootMacros from "./mixed-buildroot-macros.js";
import mixedSpacesAndTabs from "./mixed-spaces-and-tabs.js";
import networkInstallInBuild from "./network-install-in-build.js";
import obsoleteSpecConstruct from "./obsolete-spec-construct.js";
import otherPythonInterpreterDependency from "./other-python-interpreter-dependency.js";
import patchNotApplied from "./patch-not-applied.js";
import patchOldSyntax from "./patch-old-syntax.js";
import plusInNameNotExtra from "./plus-in-name-not-extra.js";
import projectNameNotCanonical from "./project-name-not-canonical.js";
import pycacheDirectoryOwned from "./pycache-directory-owned.js";
import pypiSourceWithoutName from "./pypi-source-without-name.js";
import pyprojectMacroMisuse from "./pyproject-macro-misuse.js";
import pyprojectSaveFilesGlob from "./pyproject-save-files-glob.js";
import pyprojectSaveFilesWithoutLicenseFlag from "./pyproject-save-files-without-license-flag.js";
import pythonShebangNotMacro from "./python-shebang-not-macro.js";
import pythonVersionStringComparison from "./python-version-string-comparison.js";
import python3PkgversionRedefined from "./python3-pkgversion-redefined.js";
import redundantPythonRequires from "./redundant-python-requires.js";
import releaseWithoutDist from "./release-without-dist.js";
import rpmSourceDirUsage from "./rpm-source-dir-usage.js";
import scriptBytecompiled from "./script-bytecompiled.js";
import setupNotQuiet from "./setup-not-quiet.js";
import setupPyInvocation from "./setup-py-invocation.js";
import sharedDirectoryGlob from "./shared-directory-glob.js";
import shebangFlagsRedefined from "./shebang-flags-redefined.js";
import specNameMismatch from "./spec-name-mismatch.js";
import specSyntaxError from "./spec-syntax-error.js";
import summaryEndsWithPeriod from "./summary-ends-with-period.js";
import testFailuresIgnored from "./test-failures-ignored.js";
import unusedDisableDirective from "./unused-disable-directive.js";
import unversionedPythonCommand from "./unversioned-python-command.js";
import unversionedPythonDependency from "./unversioned-python-dependency.js";
import unversionedPythonMacro from "./unversioned-python-macro.js";

export const allRules: readonly Rule[] = [
  buildrequiresGeneratorUnused,
  bytecodeWithoutSource,
  changelogFormat,
  coreTagInConditional,
  cythonSourcesNotRegenerated,
  defineInsteadOfGlobal,
  dependencyFiltered,
  dependencyGeneratorDisabled,
  deprecatedPythonMacro,
  developmentExtraPackaged,
  duplicateTag,
  explicitPython3Requires,
  extraWithoutExactRequires,
  extraWithoutMetadata,
  extrasMacroMisuse,
  forbiddenTag,
  hardcodedDistTag,
  hardcodedPythonPath,
  hardcodedPythonVersion,
  libraryBinaryName,
  librarySourceName,
  licenseNotSpdx,
  linterInCheck,
  macroInChangelog,
  macroInComment,
  manualPythonProvides,
  manualPython3distProvides,
  manualShebangFix,
  minorVersionPythonDependency,
  missingDistInfo,
  missingPython3Devel,
  missingRequiredTag,
  missingTests,
  mixedBuildrootMacros,
  mixedSpacesAndTabs,
  networkInstallInBuild,
  obsoleteSpecConstruct,
  otherPythonInterpreterDependency,
  patchNotApplied,
  patchOldSyntax,
  plusInNameNotExtra,
  projectNameNotCanonical,
  pycacheDirectoryOwned,
  pypiSourceWithoutName,
  pyprojectMacroMisuse,
  pyprojectSaveFilesGlob,
  pyprojectSaveFilesWithoutLicenseFlag,
  pythonShebangNotMacro,
  pythonVersionStringComparison,
  python3PkgversionRedefined,
  redundantPythonRequires,
  releaseWithoutDist,
  rpmSourceDirUsage,
  scriptBytecompiled,
  setupNotQuiet,
  setupPyInvocation,
  sharedDirectoryGlob,
  shebangFlagsRedefined,
  specNameMismatch,
  specSyntaxError,
  summaryEndsWithPeriod,
  testFailuresIgnored,
  unusedDisableDirective,
  unversionedPythonCommand,
  unversionedPythonDependency,
  unversionedPythonMacro,
];
