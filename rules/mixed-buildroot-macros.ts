import { defineRule, packagingGuideline } from "../src/engine/index.js";
import { expandedUsesOf } from "../src/evaluation/macro-uses.js";
import { shellScripts } from "../src/evaluation/shell-scripts.js";
import { scriptWords, variableReferences, type ShellWord } from "../src/parser/shell.js";
import { positionAt } from "../src/text/positions.js";
import { BUILD_SCRIPT_SECTIONS } from "../src/parser/section-header.js";

/** The build root as the shell variable rpm exports to the build scriptlets. */
const VARIABLE_NAME = "RPM_BUILD_ROOT";

interface VariableUse {
  start: number;
  end: number;
  written: string;
  /** Rewriting it as `%{buildroot}` keeps the meaning: not quoted with `'`, not escaped. */
  rewritable: boolean;
}

/** The `$RPM_BUILD_ROOT` references in a shell word, at their offsets in the spec. */
function variableUses(text: string, word: ShellWord): VariableUse[] {
  return variableReferences(word, VARIABLE_NAME).map(({ first, last, spelling }) => {
    const start = word.offsetAt(first);
    const end = word.offsetAt(last) + 1;
    const written = text.slice(start, end);
    return { start, end, written, rewritable: written === spelling && !text.slice(word.start, word.end).includes("'") && text[start - 1] !== "\\" };
  });
}

export default defineRule({
  meta: {
    name: "mixed-buildroot-macros",
    severity: "warning",
    type: "suggestion",
    guideline: packagingGuideline("_macros"),
    description: "Both `%{buildroot}` and `$RPM_BUILD_ROOT` are used in one spec.",
    messages: {
      mixed: "`{{written}}` is mixed with `%{buildroot}` (line {{macroLine}}); use one spelling of the build root, `%{buildroot}`",
    },
    fix: "safe",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      endOfFile() {
        const macro = expandedUsesOf(evaluation, "buildroot").find(({ use }) => !use.negated);
        if (macro === undefined) return;
        const macroLine = positionAt(tree, macro.use.start).line;
        for (const { section, script } of shellScripts(evaluation)) {
          if (!BUILD_SCRIPT_SECTIONS.has(section.kind)) continue;
          for (const word of scriptWords(script)) {
            // Both spellings hold the name; most words of a script hold neither.
            if (!word.value.includes(VARIABLE_NAME)) continue;
            for (const use of variableUses(tree.text, word)) {
              context.report({
                messageId: "mixed",
                data: { written: use.written, macroLine },
                start: use.start,
                end: use.end,
                ...(use.rewritable && {
                  fix: { title: "Use %{buildroot}", edits: [{ start: use.start, end: use.end, text: "%{buildroot}" }] },
                }),
              });
            }
          }
        }
      },
    };
  },
});
