import { defineRule, PACKAGING_GUIDELINES_URL } from "../src/engine/index.js";
import { scanMacroUses } from "../src/parser/macros.js";
import type { MacroUse, TagLine } from "../src/tree/nodes.js";

/** A dist tag written out: `.fc43`, `.el9`, `.el9_4`, `.eln139`. */
const WRITTEN_DIST_TAG = /\.(?:fc\d+|el\d+(?:_\d+)*|eln\d*)(?![A-Za-z0-9])/;

/** The macros that hold the distribution's release: they belong in `%{?dist}` only. */
function isReleaseMacro(name: string): boolean {
  return name === "fedora" || name === "rhel" || name === "epel" || /^(?:fc|el)\d+$/.test(name);
}

/** The value with its macro uses blanked out, so that only text written as is remains. */
function literalText(line: TagLine, uses: readonly MacroUse[]): string {
  let text = line.value.text;
  for (const use of uses) {
    const from = use.start - line.value.start;
    const to = use.end - line.value.start;
    text = text.slice(0, from) + " ".repeat(to - from) + text.slice(to);
  }
  return text;
}

export default defineRule({
  meta: {
    name: "hardcoded-dist-tag",
    severity: "error",
    type: "problem",
    guideline: `${PACKAGING_GUIDELINES_URL}DistTag/#_dist_in_the_release_field`,
    description: "A dist tag written out in `Release:` (`1.fc43`), `%{?dist}` in Name or Version, or `%{fedora}`-style macros in Name, Version or Release.",
    messages: {
      writtenDist: "`{{tag}}: {{value}}` writes the dist tag `{{dist}}` out; use `%{?dist}`, which is right on every release",
      distInNameOrVersion: "`{{macro}}` belongs at the end of `Release:`, not in `{{tag}}:`",
      releaseMacro: "`{{macro}}` in `{{tag}}:` ties the package's {{what}} to the distribution release; use `%{?dist}` in Release instead",
    },
    fix: "none",
  },
  create(context) {
    const { tree } = context;
    return {
      tagLine(line, section) {
        if (section.kind !== "preamble" && section.kind !== "package") return;
        if (line.name !== "name" && line.name !== "version" && line.name !== "release") return;
        const uses = scanMacroUses(tree.text, line.value.start, line.value.end);
        if (line.name === "release") {
          const written = WRITTEN_DIST_TAG.exec(literalText(line, uses));
          if (written !== null) {
            const start = line.value.start + written.index;
            context.report({
              messageId: "writtenDist",
              data: { tag: line.tag.text, value: line.value.text, dist: written[0] },
              start,
              end: start + written[0].length,
            });
          }
        }
        for (const use of uses) {
          const macro = tree.text.slice(use.start, use.end);
          if (use.name === "dist" && line.name !== "release") {
            context.report({ messageId: "distInNameOrVersion", data: { macro, tag: line.tag.text }, start: use.start, end: use.end });
          } else if (isReleaseMacro(use.name)) {
            context.report({
              messageId: "releaseMacro",
              data: { macro, tag: line.tag.text, what: line.name },
              start: use.start,
              end: use.end,
            });
          }
        }
      },
    };
  },
});
