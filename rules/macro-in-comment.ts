import { defineRule, RPM_SPEC_MANUAL_URL } from "../src/engine/index.js";
import { expansionChangesText } from "../src/evaluation/macro-uses.js";
import { scanMacroUses } from "../src/parser/macros.js";
import type { SectionKind } from "../src/tree/nodes.js";

/**
 * The sections whose comment lines rpm expands and then drops, warning "Macro expanded in
 * comment" when the expansion changed them: the preambles, `%description`, `%files`,
 * `%changelog` and the source and patch lists. (In build scriptlets the comment goes to the
 * shell, which is another matter.)
 */
const COMMENT_STRIPPING_SECTIONS: ReadonlySet<SectionKind> = new Set([
  "preamble",
  "package",
  "description",
  "files",
  "changelog",
  "sourcelist",
  "patchlist",
]);

export default defineRule({
  meta: {
    name: "macro-in-comment",
    severity: "warning",
    type: "problem",
    guideline: `${RPM_SPEC_MANUAL_URL}#comments`,
    description: "A macro in a `#` comment of the preamble, `%description`, `%files` or `%changelog`, which rpm expands.",
    messages: {
      expanded: "`{{macro}}` in a comment is expanded by rpm; escape it as `%{{macro}}` or use `%dnl`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      comment(line, section) {
        if (!COMMENT_STRIPPING_SECTIONS.has(section.kind)) return;
        let coveredUntil = -1;
        for (const use of scanMacroUses(tree.text, line.content.start, line.content.end)) {
          // A use nested in a reported one is part of it.
          if (use.start < coveredUntil) continue;
          // rpm only warns, and only changes the line, when the expansion differs from the text.
          if (!expansionChangesText(evaluation, use)) continue;
          coveredUntil = use.end;
          context.report({ messageId: "expanded", data: { macro: tree.text.slice(use.start, use.end) }, start: use.start, end: use.end });
        }
      },
    };
  },
});
