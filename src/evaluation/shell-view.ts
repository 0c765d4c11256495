/**
 * The shell of a spec's scriptlets as the target sees it (`shellView` of the script sections with
 * the evaluation's liveness and macro definitions), computed once per evaluation: several rules
 * read the same build scripts.
 */
import { SCRIPT_SECTIONS } from "../parser/section-header.js";
import { shellView } from "../parser/shell.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation } from "./types.js";

const viewOf = oncePerEvaluation((evaluation) =>
  shellView(
    evaluation.tree.text,
    evaluation.tree.sections.filter((section) => SCRIPT_SECTIONS.has(section.kind)),
    (line) => evaluation.livenessAt(line.start) !== "dead",
    (name, offset) => {
      const definition = evaluation.definitionAt(name, offset);
      return definition === null ? null : definition !== undefined;
    },
  ),
);

/**
 * The spec text up to the end of the last section of `SCRIPT_SECTIONS`, with everything that is
 * not shell for the target blanked out (offsets kept), for reading those sections.
 */
export function evaluatedShellView(evaluation: Evaluation): string {
  return viewOf(evaluation);
}
