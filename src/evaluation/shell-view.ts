/**
 * The shell of a spec's scriptlets as the target sees it (`shellView` with the evaluation's
 * liveness and macro definitions), computed once per evaluation: several rules read the same
 * build scripts.
 */
import { shellView } from "../parser/shell.js";
import type { Evaluation } from "./types.js";

const views = new WeakMap<Evaluation, string>();

/** The spec text with everything that is not shell for the target blanked out (offsets kept). */
export function evaluatedShellView(evaluation: Evaluation): string {
  let view = views.get(evaluation);
  if (view === undefined) {
    view = shellView(
      evaluation.tree.text,
      evaluation.tree.sections,
      (line) => evaluation.livenessAt(line.start) !== "dead",
      (name, offset) => {
        const definition = evaluation.definitionAt(name, offset);
        return definition === null ? null : definition !== undefined;
      },
    );
    views.set(evaluation, view);
  }
  return view;
}
