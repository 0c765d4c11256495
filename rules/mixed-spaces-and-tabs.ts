import { defineRule, packagingGuideline } from "../src/engine/index.js";
import type { SpecFile, TagLine } from "../src/tree/nodes.js";

type Layout = "tabs" | "spaces";

/** A run of white space that lays out a tag line: its indentation or the gap before the value. */
interface Gap {
  start: number;
  end: number;
  text: string;
}

/** The indentation and the gap between `Tag:` and the value of a tag line. */
function gapsOf(tree: SpecFile, line: TagLine): Gap[] {
  const gaps: Gap[] = [];
  if (line.tag.start > line.start) gaps.push({ start: line.start, end: line.tag.start, text: tree.text.slice(line.start, line.tag.start) });
  const colon = tree.text.indexOf(":", line.qualifiers === null ? line.tag.end : line.qualifiers.end);
  if (colon >= 0 && colon < line.value.start) {
    gaps.push({ start: colon + 1, end: line.value.start, text: tree.text.slice(colon + 1, line.value.start) });
  }
  return gaps;
}

/**
 * How a gap aligns: with tabs, or with runs of spaces (a single space only separates, it aligns
 * nothing); `mixed` when one gap holds both, which renders differently with every tab width.
 */
function layoutOf(gap: Gap): Layout | "mixed" | null {
  const tabs = gap.text.includes("\t");
  const spaces = gap.text.includes(" ");
  if (tabs && spaces) return "mixed";
  if (tabs) return "tabs";
  return gap.text.length > 1 ? "spaces" : null;
}

export default defineRule({
  meta: {
    name: "mixed-spaces-and-tabs",
    severity: "warning",
    type: "layout",
    guideline: packagingGuideline("_spec_legibility"),
    description: "Preamble tag lines laid out partly with tabs and partly with spaces.",
    messages: {
      mixedGap: "this white space mixes tabs and spaces, so the line lines up differently in every editor; use {{layout}} as the rest of the preamble does",
      otherLayout: "this line is aligned with {{used}} while the rest of the preamble uses {{layout}} (e.g. line {{example}}); use one kind",
    },
    fix: "none",
  },
  create(context) {
    const { tree } = context;
    const gaps: Array<{ gap: Gap; layout: Layout | "mixed"; line: number }> = [];
    return {
      tagLine(line, section) {
        if (section.kind !== "preamble" && section.kind !== "package") return;
        for (const gap of gapsOf(tree, line)) {
          const layout = layoutOf(gap);
          if (layout !== null) gaps.push({ gap, layout, line: line.line });
        }
      },
      endOfFile() {
        const tabLines = gaps.filter((entry) => entry.layout === "tabs");
        const spaceLines = gaps.filter((entry) => entry.layout === "spaces");
        // The preamble's own layout is the one most of its lines use (the first one on a tie).
        const tabsWin =
          tabLines.length > spaceLines.length ||
          (tabLines.length === spaceLines.length && tabLines.length > 0 && tabLines[0]!.gap.start < spaceLines[0]!.gap.start);
        const layout: Layout = tabsWin ? "tabs" : "spaces";
        const example = (tabsWin ? tabLines : spaceLines)[0]?.line;
        for (const entry of gaps) {
          if (entry.layout === "mixed") {
            context.report({ messageId: "mixedGap", data: { layout }, start: entry.gap.start, end: entry.gap.end });
          } else if (entry.layout !== layout && example !== undefined) {
            context.report({
              messageId: "otherLayout",
              data: { used: entry.layout, layout, example },
              start: entry.gap.start,
              end: entry.gap.end,
            });
          }
        }
      },
    };
  },
});
