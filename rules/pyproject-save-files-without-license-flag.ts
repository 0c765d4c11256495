import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  macroCalls,
  pyprojectBuildOptions,
  readMacroOptions,
  SAVE_FILES_BUILD_OPTION,
  SAVE_FILES_MACRO,
  type MacroArgumentWord,
} from "../src/evaluation/macro-calls.js";
import { pythonScope, type PackageContents } from "../src/evaluation/python-scope.js";
import type { Evaluation } from "../src/evaluation/types.js";

/** `%pyproject_save_files(lLM)`: no option takes a value. */
const VALUE_OPTIONS = "";
const LICENSE_FLAGS: ReadonlySet<string> = new Set(["l", "L"]);

/** The package's `%files` list a license file by hand (`%license COPYING`). */
function listsLicense(evaluation: Evaluation, contents: PackageContents): boolean {
  return contents.filesSections.some((section) =>
    section.lines.some(
      (line) =>
        line.type === "FilesLine" &&
        line.directives.some((directive) => directive.name === "license") &&
        evaluation.livenessAt(line.start) !== "dead",
    ),
  );
}

/**
 * A package ships `%{pyproject_files}` and lists no license file of its own: only the license
 * files recorded in the metadata reach it, and `-l` makes the build fail when there are none.
 * (When `%files` lists the license by hand, `-L` is only a precaution.)
 */
function dependsOnRecordedLicense(evaluation: Evaluation): boolean {
  return pythonScope(evaluation).packages.some((contents) => contents.built && contents.pyprojectFileList && !listsLicense(evaluation, contents));
}

/**
 * A line break of the call (with its backslash and the blanks around it). A match starts only at
 * the start of a run of blanks or at a backslash, never inside a run: otherwise a long run of
 * blanks is scanned again from each of its characters (quadratic). The matches are the same.
 */
const LINE_BREAK = /(?<!\s)\s*\\?\r?\n\s*|\\\r?\n\s*/g;

export default defineRule({
  meta: {
    name: "pyproject-save-files-without-license-flag",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_build_macros"),
    description: "`%pyproject_save_files` (or `BuildOption(install):`) without `-l` or `-L` while `%files` relies on the license recorded in the metadata.",
    messages: {
      missing:
        "`{{call}}` has no `-l`, and the `%files` that use `%{pyproject_files}` list no license by hand: add `-l` so the build fails if the license file goes missing from the metadata (or `-L` and list it with `%license`)",
    },
    fix: "none",
  },
  create(context) {
    const { tree, evaluation } = context;
    if (!dependsOnRecordedLicense(evaluation)) return {};
    const lacksFlag = (words: readonly MacroArgumentWord[]): boolean => {
      const { options, unknown } = readMacroOptions(words, VALUE_OPTIONS);
      return !unknown && !options.some((option) => LICENSE_FLAGS.has(option.letter));
    };
    return {
      endOfFile() {
        for (const { tag, words } of pyprojectBuildOptions(evaluation, SAVE_FILES_BUILD_OPTION)) {
          if (!lacksFlag(words)) continue;
          context.report({
            messageId: "missing",
            data: { call: tree.text.slice(tag.start, tag.value.end) },
            start: tag.tag.start,
            end: tag.value.end,
          });
        }
        for (const call of macroCalls(evaluation, [SAVE_FILES_MACRO])) {
          if (!lacksFlag(call.words)) continue;
          const end = call.argument?.end ?? call.use.end;
          context.report({
            messageId: "missing",
            data: { call: tree.text.slice(call.use.start, end).replace(LINE_BREAK, " ") },
            start: call.use.start,
            end: call.use.end,
          });
        }
      },
    };
  },
});
