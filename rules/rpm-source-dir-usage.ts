import { defineRule, PACKAGING_GUIDELINES_URL } from "../src/engine/index.js";
import { expandedUsesOf } from "../src/evaluation/macro-uses.js";
import { shellScripts } from "../src/evaluation/shell-scripts.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { scriptWords, variableReferences } from "../src/parser/shell.js";
import { macroWordEnd } from "../src/parser/span.js";

const VARIABLE_NAME = "RPM_SOURCE_DIR";

/**
 * A file name computed while the spec runs: a shell variable (`$i` of a loop over a list of
 * sources, the exception the guideline allows) or a parametric macro's argument (`%1`).
 */
const COMPUTED_NAME = /\$|%\{?(?:[0-9*#]|\*\*)/;

/** A reference to the source directory: the word it is in, and where the reference itself ends. */
interface Reference {
  start: number;
  /** End of the `%{_sourcedir}` or `$RPM_SOURCE_DIR` itself. */
  referenceEnd: number;
  /** End of the word (the path written after the directory). */
  wordEnd: number;
}

/** `%{SOURCE3}` or `%{PATCH2}` for a declared file of that name. */
function sourceMacroFor(evaluation: Evaluation, fileName: string): string | null {
  for (const source of evaluation.sources) {
    if (source.value === null) continue;
    const declared = source.value.slice(source.value.lastIndexOf("/") + 1);
    if (declared === fileName) return `%{${source.kind === "source" ? "SOURCE" : "PATCH"}${source.number}}`;
  }
  return null;
}

export default defineRule({
  meta: {
    name: "rpm-source-dir-usage",
    severity: "error",
    type: "problem",
    guideline: `${PACKAGING_GUIDELINES_URL}RPM_Source_Dir/#_exceptions`,
    description: "A source file referred to through `$RPM_SOURCE_DIR` or `%{_sourcedir}` instead of `%{SOURCEn}`.",
    messages: {
      sourceDir:
        "`{{written}}` refers to a source file through the source directory, so a renamed or missing Source goes unnoticed; {{advice}}",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    const text = tree.text;
    return {
      endOfFile() {
        const sourceDirUses = expandedUsesOf(evaluation, "_sourcedir");
        // Most specs name the source directory neither way, and need no word of their scripts.
        if (sourceDirUses.length === 0 && !text.includes(VARIABLE_NAME)) return;
        const words = shellScripts(evaluation).flatMap(({ script }) => scriptWords(script));
        const references: Reference[] = [];
        for (const { use } of sourceDirUses) {
          if (use.negated) continue;
          const word = words.find((candidate) => candidate.start <= use.start && use.start < candidate.end);
          const lineEnd = text.indexOf("\n", use.end);
          const wordEnd = word?.end ?? macroWordEnd(text, use.start, lineEnd < 0 ? text.length : lineEnd);
          references.push({ start: word === undefined ? use.start : Math.min(word.start, use.start), referenceEnd: use.end, wordEnd });
        }
        for (const word of words) {
          for (const { last } of variableReferences(word, VARIABLE_NAME)) {
            references.push({ start: word.start, referenceEnd: word.offsetAt(last) + 1, wordEnd: word.end });
          }
        }

        for (const reference of references.sort((a, b) => a.start - b.start)) {
          const path = text.slice(reference.referenceEnd, reference.wordEnd);
          if (COMPUTED_NAME.test(path)) continue;
          const expandedPath = path.includes("%") ? evaluation.expand(path, reference.referenceEnd).value : path;
          const fileName = expandedPath?.replace(/["']/g, "").split("/").filter((part) => part !== "").pop() ?? "";
          const macro = fileName === "" ? null : sourceMacroFor(evaluation, fileName);
          context.report({
            messageId: "sourceDir",
            data: {
              written: text.slice(reference.start, reference.wordEnd),
              advice: macro === null ? "declare the file as a `SourceN:` and use `%{SOURCEn}`" : `use \`${macro}\``,
            },
            start: reference.start,
            end: reference.wordEnd,
          });
        }
      },
    };
  },
});
