import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  macroCalls,
  pyprojectBuildOptions,
  SAVE_FILES_BUILD_OPTION,
  SAVE_FILES_MACRO,
  type MacroArgumentWord,
} from "../src/evaluation/macro-calls.js";
import { SHIPPING_BUILD_SECTIONS } from "../src/parser/section-header.js";

/** The flag that also saves executables and data files; `--auto` is its long spelling. */
const AUTO_FLAGS: ReadonlySet<string> = new Set(["+auto", "--auto"]);


export default defineRule({
  meta: {
    name: "pyproject-save-files-glob",
    severity: "warning",
    type: "problem",
    guideline: pythonGuideline("_explicit_lists"),
    description: "`%pyproject_save_files '*'` (any quoting) or `+auto`, in `%install` or in `BuildOption(install):` of `BuildSystem: pyproject`.",
    messages: {
      everyModule:
        "`%pyproject_save_files` with `{{argument}}` saves every module the wheel installs, including unexpected top-level ones; name this project's modules (a specific glob such as `'foo*'` is fine)",
      auto: "`%pyproject_save_files` with `{{argument}}` also saves executables and data files, which Fedora forbids; list those in `%files`",
    },
    messageSeverities: { auto: "error" },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;

    /**
     * Reports each argument word that is `*` or `+auto` after macro expansion and quote removal:
     * `'*'`, `"*"`, `\*` and a bare `*` are all the glob of every module.
     */
    const checkArguments = (words: readonly MacroArgumentWord[]): void => {
      for (const { span, values } of words) {
        if (values === null) continue;
        const messageId = values.some((value) => AUTO_FLAGS.has(value)) ? "auto" : values.includes("*") ? "everyModule" : null;
        if (messageId === null) continue;
        context.report({ messageId, data: { argument: span.text }, start: span.start, end: span.end });
      }
    };

    return {
      endOfFile() {
        for (const call of macroCalls(evaluation, [SAVE_FILES_MACRO])) {
          if (SHIPPING_BUILD_SECTIONS.has(call.section.kind)) checkArguments(call.words);
        }
        for (const { words } of pyprojectBuildOptions(evaluation, SAVE_FILES_BUILD_OPTION)) checkArguments(words);
      },
    };
  },
});
