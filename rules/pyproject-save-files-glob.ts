import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { usesPyprojectBuildSystem } from "../src/evaluation/python-scope.js";
import type { SectionKind } from "../src/tree/nodes.js";
import { plainMacroArguments, scanMacroUses } from "../src/parser/macros.js";
import { scanShell, type ShellWord } from "../src/parser/shell.js";
import { occurrenceFinder } from "../src/text/occurrences.js";

/** The build scriptlets, where `%pyproject_save_files` runs. */
const SCRIPT_SECTIONS: ReadonlySet<SectionKind> = new Set(["prep", "conf", "generate_buildrequires", "build", "install", "check"]);

/**
 * `BuildSystem: pyproject` passes `BuildOption(install):` to `%pyproject_save_files` (other
 * build systems give those options to their own install step).
 */
const INSTALL_OPTION_QUALIFIER = "install";

/** The flag that also saves executables and data files; `--auto` is its long spelling. */
const AUTO_FLAGS: ReadonlySet<string> = new Set(["+auto", "--auto"]);

/**
 * The argument words as the shell that runs the macro's script sees them, quotes removed:
 * `'*'`, `"*"`, `\*` and a bare `*` are all the glob of every module.
 */
/**
 * The end of a macro's arguments that start on a line ending at `lineEnd`: rpm lets them go on
 * over lines that end in a backslash (`%pyproject_save_files -l \` + newline + `foo '*'`).
 */
function continuedEnd(text: string, lineEnd: number): number {
  let end = lineEnd;
  for (;;) {
    const newline = text[end] === "\r" ? end + 1 : end;
    if (text[newline] !== "\n" || text[end - 1] !== "\\") return end;
    let next = text.indexOf("\n", newline + 1);
    if (next === -1) next = text.length;
    end = text[next - 1] === "\r" ? next - 1 : next;
  }
}

function shellWords(text: string, start: number, end: number): ShellWord[] {
  return scanShell(text, start, end).commands[0]?.words ?? [];
}

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
    const { tree, evaluation } = context;

    /** Reports each argument word in `[start, end)` that is `*` or `+auto`, after macro expansion. */
    const checkArguments = (start: number, end: number): void => {
      for (const word of shellWords(tree.text, start, end)) {
        const written = tree.text.slice(word.start, word.end);
        let values = [word.value];
        if (written.includes("%")) {
          const expanded = evaluation.expand(written, word.start).value;
          if (expanded === null) continue;
          values = shellWords(expanded, 0, expanded.length).map((expandedWord) => expandedWord.value);
        }
        const messageId = values.some((value) => AUTO_FLAGS.has(value)) ? "auto" : values.includes("*") ? "everyModule" : null;
        if (messageId === null) continue;
        context.report({
          messageId,
          data: { argument: written },
          start: word.start,
          end: word.end,
        });
      }
    };

    // Only a line that names the macro needs a macro scan.
    const namesMacro = occurrenceFinder(tree.text, "pyproject_save_files");

    return {
      textLine(line, section) {
        if (!SCRIPT_SECTIONS.has(section.kind) || !namesMacro(line.content.start, line.content.end)) return;
        for (const use of scanMacroUses(tree.text, line.content.start, line.content.end)) {
          if (use.name !== "pyproject_save_files") continue;
          if (use.form === "braced" && use.argument !== null) checkArguments(use.argument.start, use.argument.end);
          const argument = use.form === "plain" ? plainMacroArguments(tree.text, use) : null;
          if (argument !== null) checkArguments(argument.start, continuedEnd(tree.text, argument.end));
        }
      },
      tagLine(line) {
        if (line.name !== "buildoption" || line.qualifiers?.text.trim() !== INSTALL_OPTION_QUALIFIER) return;
        if (usesPyprojectBuildSystem(evaluation)) checkArguments(line.value.start, line.value.end);
      },
    };
  },
});
