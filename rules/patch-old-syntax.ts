import { defineRule, RPM_SPEC_MANUAL_URL } from "../src/engine/index.js";
import { expandedMacroUses } from "../src/evaluation/macro-uses.js";

/** `%patch3`: the patch number glued to the macro name. */
const NUMBERED_PATCH = /^patch(\d+)$/;

export default defineRule({
  meta: {
    name: "patch-old-syntax",
    severity: "error",
    type: "problem",
    guideline: `${RPM_SPEC_MANUAL_URL}#patch`,
    description: "`%patchN`, which rpm 4.20 removed; `%patch -P N` works with every rpm.",
    messages: {
      numbered: "`{{written}}` is the old patch syntax that rpm 4.20 removed; write `%patch -P {{number}}`",
    },
    fix: "safe",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      endOfFile() {
        for (const { use } of expandedMacroUses(evaluation)) {
          const match = NUMBERED_PATCH.exec(use.name);
          if (match === null || use.conditional || use.negated) continue;
          // A macro the spec itself defines under that name is no patch command.
          if (evaluation.definitionAt(use.name, use.start)?.start != null) continue;
          const number = match[1]!;
          const written = tree.text.slice(use.start, use.end);
          // `%patch3 -p1` becomes `%patch -P 3 -p1`; a braced `%{patch3}` never was the syntax.
          const rewritable = use.form === "plain" && /^[\s}]?$/.test(tree.text[use.end] ?? "");
          context.report({
            messageId: "numbered",
            data: { written, number },
            start: use.start,
            end: use.end,
            ...(rewritable && {
              fix: { title: `Use %patch -P ${number}`, edits: [{ start: use.start, end: use.end, text: `%patch -P ${number}` }] },
            }),
          });
        }
      },
    };
  },
});
