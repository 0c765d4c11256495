import { defineRule, PACKAGING_GUIDELINES_URL } from "../src/engine/index.js";
import { scanMacroUses } from "../src/parser/macros.js";

/** Macros that write the whole release themselves, dist tag included. */
const RELEASE_WRITERS: ReadonlySet<string> = new Set(["autorelease", "dist"]);

/** A dist tag written out (hardcoded-dist-tag reports that case). */
const WRITTEN_DIST_TAG = /\.(?:fc\d+|el\d+(?:_\d+)*|eln\d*)(?![A-Za-z0-9])/;

export default defineRule({
  meta: {
    name: "release-without-dist",
    severity: "warning",
    type: "suggestion",
    guideline: `${PACKAGING_GUIDELINES_URL}DistTag/#_dist_in_the_release_field`,
    description: "A hand-written `Release:` without `%{?dist}` (`%autorelease` adds it itself).",
    messages: {
      noDist: "`{{tag}}: {{value}}` has no `%{?dist}`, so builds for different releases get the same NEVR; append `%{?dist}` or use `%autorelease`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      tagLine(line, section) {
        if (section.kind !== "preamble" || line.name !== "release") return;
        const value = line.value;
        const uses = scanMacroUses(tree.text, value.start, value.end);
        if (uses.some((use) => RELEASE_WRITERS.has(use.name))) return;
        if (WRITTEN_DIST_TAG.test(value.text)) return;
        const dist = evaluation.expand("%{?dist}", line.start).value;
        if (dist === null || dist === "") return;
        if (uses.length > 0) {
          // `Release: %{baserelease}` with `%global baserelease 2%{?dist}`.
          const expanded = evaluation.expand(value.text, line.start).value;
          if (expanded === null || expanded.includes(dist)) return;
        }
        context.report({ messageId: "noDist", data: { tag: line.tag.text, value: value.text }, start: value.start, end: value.end });
      },
    };
  },
});
