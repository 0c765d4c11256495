import { defineRule, RPM_SPEC_MANUAL_URL } from "../src/engine/index.js";
import { expansionChangesText } from "../src/evaluation/macro-uses.js";
import { scanMacroUses } from "../src/parser/macros.js";
import type { ChangelogHeaderLine, TextLine } from "../src/tree/nodes.js";
import { occurrenceFinder } from "../src/text/occurrences.js";

/**
 * What is meant to be there: `%autochangelog` writes the changelog from git, `%include` reads it
 * from a file, `%dnl` is a comment.
 */
const INTENDED_MACROS: ReadonlySet<string> = new Set(["autochangelog", "include", "dnl"]);

export default defineRule({
  meta: {
    name: "macro-in-changelog",
    severity: "warning",
    type: "problem",
    guideline: `${RPM_SPEC_MANUAL_URL}#changelog-section`,
    description: "An unescaped macro in `%changelog` text, which rpm expands when it builds the package.",
    messages: {
      expanded:
        "`{{macro}}` in %changelog is expanded by rpm, so the entry changes whenever the macro does; escape it as `%{{macro}}`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    // Few changelog lines hold a `%`; the others need no macro scan.
    const holdsPercent = occurrenceFinder(tree.text, "%");
    const check = (line: TextLine | ChangelogHeaderLine): void => {
      const end = line.type === "TextLine" ? line.content.end : line.end;
      if (!holdsPercent(line.start, end)) return;
      const uses = scanMacroUses(tree.text, line.start, end);
      // A line that is one macro call (`%{?snapshot_changelog_entry}`) writes entries; it is no text.
      const first = uses[0];
      if (line.type === "TextLine" && first !== undefined && tree.text.slice(line.start, end).trim() === tree.text.slice(first.start, first.end)) return;
      let coveredUntil = -1;
      for (const use of uses) {
        if (use.start < coveredUntil) continue;
        coveredUntil = use.end;
        if (INTENDED_MACROS.has(use.name)) continue;
        // `%s` in "a printf %s fix" stays as written: rpm leaves a name defined nowhere alone.
        if (!expansionChangesText(evaluation, use)) continue;
        context.report({ messageId: "expanded", data: { macro: tree.text.slice(use.start, use.end) }, start: use.start, end: use.end });
      }
    };
    return {
      textLine(line, section) {
        if (section.kind === "changelog") check(line);
      },
      changelogHeader(line, section) {
        if (section.kind === "changelog") check(line);
      },
    };
  },
});
