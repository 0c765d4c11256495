import { defineRule, packagingGuideline } from "../src/engine/index.js";

type Layout = "tabs" | "spaces";

/** A run of white space that lays out a tag line: its indentation or the gap before the value. */
interface Gap {
  start: number;
  end: number;
}

/**
 * How the white space `[start, end)` aligns: with tabs, or with runs of spaces (a single space
 * only separates, it aligns nothing); `mixed` when one gap holds both, which renders differently
 * with every tab width. Read in place: the rule looks at every tag line of the corpus.
 */
function layoutOf(text: string, start: number, end: number): Layout | "mixed" | null {
  let tabs = false;
  let spaces = false;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x09) tabs = true;
    else if (code === 0x20) spaces = true;
  }
  if (tabs && spaces) return "mixed";
  if (tabs) return "tabs";
  return end - start > 1 ? "spaces" : null;
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
    const record = (start: number, end: number, line: number): void => {
      const layout = layoutOf(tree.text, start, end);
      if (layout !== null) gaps.push({ gap: { start, end }, layout, line });
    };
    return {
      tagLine(line, section) {
        if (section.kind !== "preamble" && section.kind !== "package") return;
        const text = tree.text;
        // The indentation, then the gap between `Tag:` and the value.
        if (line.tag.start > line.start) record(line.start, line.tag.start, line.line);
        const colon = text.indexOf(":", line.qualifiers === null ? line.tag.end : line.qualifiers.end);
        if (colon >= 0 && colon < line.value.start) record(colon + 1, line.value.start, line.line);
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
