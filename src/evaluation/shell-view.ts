/**
 * The shell of a spec's scriptlets as the target sees it (`shellView` of the script sections with
 * the evaluation's liveness and macro definitions), computed once per evaluation: several rules
 * read the same build scripts.
 */
import { BUILD_SCRIPT_KINDS } from "../parser/section-header.js";
import { shellView } from "../parser/shell.js";
import type { SectionKind } from "../tree/nodes.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation } from "./types.js";

/** Sections rpm runs at build time, in the buildroot. */
export const BUILD_SCRIPT_SECTIONS: ReadonlySet<SectionKind> = BUILD_SCRIPT_KINDS;

/** The build scriptlets, where a spec writes or fixes the scripts it ships (`%clean` ships nothing). */
export const SHIPPING_BUILD_SECTIONS: ReadonlySet<SectionKind> = new Set([...BUILD_SCRIPT_SECTIONS].filter((kind) => kind !== "clean"));

/** Sections rpm runs on the user's system (install-time scriptlets and triggers). */
export const INSTALL_SCRIPT_SECTIONS: ReadonlySet<SectionKind> = new Set(["scriptlet", "trigger", "filetrigger", "verifyscript"]);

/** Sections whose text is shell that rpm runs, at build time or on the user's system. */
export const SCRIPT_SECTIONS: ReadonlySet<SectionKind> = new Set([...BUILD_SCRIPT_SECTIONS, ...INSTALL_SCRIPT_SECTIONS]);

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
