import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { scanMacroUses } from "../src/parser/macros.js";
import { extrasMacroCalls, type ExtrasMacroCall, type MacroOption } from "../src/evaluation/python-extras.js";
import { usesPyprojectBuildSystem } from "../src/evaluation/python-scope.js";
import type { Evaluation } from "../src/evaluation/types.js";

/** The spec calls `%pyproject_install` somewhere that is not dead (or declares `BuildSystem: pyproject`). */
function installsWithPyproject(evaluation: Evaluation): boolean {
  if (usesPyprojectBuildSystem(evaluation)) return true;
  const { tree } = evaluation;
  for (const section of tree.sections) {
    if (section.kind === "changelog") continue;
    for (const line of section.lines) {
      let scanned: { start: number; end: number } | null = null;
      if (line.type === "TextLine") scanned = line.content;
      else if (line.type === "MacroDefinitionLine") scanned = line.body;
      if (scanned === null || evaluation.livenessAt(line.start) === "dead") continue;
      if (scanMacroUses(tree.text, scanned.start, scanned.end).some((use) => use.name === "pyproject_install")) return true;
    }
  }
  return false;
}

/** The first pair of mutually exclusive file options (`-i`, `-f`, `-F`) given to one call. */
function conflictingOptions(call: ExtrasMacroCall): [MacroOption, MacroOption] | null {
  const fileOptions = call.options.filter((option) => option.letter === "i" || option.letter === "f" || option.letter === "F");
  for (let later = 1; later < fileOptions.length; later += 1) {
    const second = fileOptions[later]!;
    const first = fileOptions.slice(0, later).find((option) => option.letter !== second.letter);
    if (first !== undefined) return [first, second];
  }
  return null;
}

export default defineRule({
  meta: {
    name: "extras-macro-misuse",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_extras_macros"),
    description:
      "An extras macro called in a way it does not support: `%pyproject_extras_subpkg` without `%pyproject_install`, conflicting `-i`/`-f`/`-F`, no `-n`, or no extra name.",
    messages: {
      withoutPyprojectInstall:
        "`%pyproject_extras_subpkg` needs `%pyproject_install`, which this spec does not use; use `%python_extras_subpkg` with `-i` pointing at the `.dist-info` directory",
      conflictingOptions: "`%{{macro}}` is given both `-{{first}}` and `-{{second}}`, which exclude each other",
      missingBase: "`%{{macro}}` is not given the base package with `-n`",
      missingExtra: "`%{{macro}}` is not given any extra name",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        const calls = extrasMacroCalls(evaluation);
        let pyprojectInstall: boolean | null = null;
        for (const call of calls) {
          const name = { start: call.use.start, end: call.use.end };
          if (call.use.form === "braced" && call.use.argument !== null) name.end = call.use.argument.start - 1;
          const data = { macro: call.macro };
          if (call.macro === "pyproject_extras_subpkg") {
            pyprojectInstall ??= installsWithPyproject(evaluation);
            if (!pyprojectInstall) context.report({ messageId: "withoutPyprojectInstall", data, ...name });
          }
          const conflict = conflictingOptions(call);
          if (conflict !== null) {
            const [first, second] = conflict;
            context.report({
              messageId: "conflictingOptions",
              data: { ...data, first: first.letter, second: second.letter },
              start: second.span.start,
              end: second.value?.end ?? second.span.end,
            });
          }
          if (!call.options.some((option) => option.letter === "n" && option.value !== null)) {
            context.report({ messageId: "missingBase", data, ...name });
          }
          if (call.extras.length === 0) context.report({ messageId: "missingExtra", data, ...name });
        }
      },
    };
  },
});
