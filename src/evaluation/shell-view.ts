/**
 * The shell of a spec's scriptlets as the target sees it (`shellView` with the evaluation's
 * liveness and macro definitions), computed once per evaluation: several rules read the same
 * build scripts.
 */
import { shellView } from "../parser/shell.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation } from "./types.js";

const viewOf = oncePerEvaluation((evaluation) =>
  shellView(
    evaluation.tree.text,
    evaluation.tree.sections,
    (line) => evaluation.livenessAt(line.start) !== "dead",
    (name, offset) => {
      const definition = evaluation.definitionAt(name, offset);
      return definition === null ? null : definition !== undefined;
    },
  ),
);

/** The spec text with everything that is not shell for the target blanked out (offsets kept). */
export function evaluatedShellView(evaluation: Evaluation): string {
  return viewOf(evaluation);
}
