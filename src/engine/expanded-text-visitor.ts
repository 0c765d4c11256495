/**
 * A visitor over the written text rpm expands and a command or a path can be written in: the
 * shell lines of script sections, `%files` paths, macro definition bodies and `BuildOption`
 * values. Rules that look for an interpreter or a site-packages path however it is spelled
 * check each such range.
 */
import type { SectionKind } from "../tree/nodes.js";
import type { RuleVisitor } from "./types.js";

export interface ExpandedTextScope {
  /** The sections whose text lines are checked. */
  sections: ReadonlySet<SectionKind>;
  /** Macros whose definition body is not checked (the ones that define what is looked for). */
  skippedDefinitions: ReadonlySet<string>;
}

export function expandedTextVisitor(scope: ExpandedTextScope, check: (start: number, end: number) => void): RuleVisitor {
  return {
    textLine(line, section) {
      if (scope.sections.has(section.kind)) check(line.content.start, line.content.end);
    },
    filesLine(line) {
      for (const path of line.paths) check(path.start, path.end);
    },
    macroDefinition(line) {
      if (line.body !== null && !scope.skippedDefinitions.has(line.name.text)) check(line.body.start, line.body.end);
    },
    tagLine(line) {
      if (line.name === "buildoption") check(line.value.start, line.value.end);
    },
  };
}
