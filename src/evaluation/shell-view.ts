/**
 * The shell of a spec's scriptlets as the target sees it (`shellView` of the script sections with
 * the evaluation's liveness and macro definitions), computed once per evaluation: several rules
 * read the same build scripts.
 */
import { SCRIPT_SECTIONS } from "../parser/section-header.js";
import { isVerbatimShellSection, shellView } from "../parser/shell.js";
import type { LineNode, Section } from "../tree/nodes.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation } from "./types.js";

function isLiveLine(evaluation: Evaluation, line: LineNode): boolean {
  return evaluation.livenessAt(line.start) !== "dead";
}

function isDefinedAt(evaluation: Evaluation, name: string, offset: number): boolean | null {
  const definition = evaluation.definitionAt(name, offset);
  return definition === null ? null : definition !== undefined;
}

const viewOf = oncePerEvaluation((evaluation) =>
  shellView(
    evaluation.tree.text,
    evaluation.tree.sections.filter((section) => SCRIPT_SECTIONS.has(section.kind)),
    (line) => isLiveLine(evaluation, line),
    (name, offset) => isDefinedAt(evaluation, name, offset),
  ),
);

/**
 * The spec text up to the end of the last section of `SCRIPT_SECTIONS`, with everything that is
 * not shell for the target blanked out (offsets kept), for reading those sections.
 */
export function evaluatedShellView(evaluation: Evaluation): string {
  return viewOf(evaluation);
}

/**
 * The script section reads the same in `evaluatedShellView` as in the spec text (see
 * `isVerbatimShellSection`): most sections have no dead or directive line, and reading them from
 * the text spares building and copying the view.
 */
export function isVerbatimScriptSection(evaluation: Evaluation, section: Section): boolean {
  return isVerbatimShellSection(
    evaluation.tree.text,
    section,
    (line) => isLiveLine(evaluation, line),
    (name, offset) => isDefinedAt(evaluation, name, offset),
  );
}
