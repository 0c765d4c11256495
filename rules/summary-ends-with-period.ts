import { defineRule, packagingGuideline } from "../src/engine/index.js";

/**
 * `text` without its final periods and the blanks before them, as `/\s*\.+$/` would cut it but
 * without that expression's backtracking, quadratic on a long run of blanks or periods.
 */
function withoutFinalPeriods(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ".") end--;
  if (end === text.length) return text;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

export default defineRule({
  meta: {
    name: "summary-ends-with-period",
    severity: "warning",
    type: "layout",
    guideline: packagingGuideline("_tags_and_sections"),
    description: "A `Summary:` that ends with a period.",
    messages: {
      period: "`{{tag}}:` ends with a period: \"{{summary}}\"",
      periodFromMacro: "`{{tag}}:` ends with a period once its macros expand: \"{{summary}}\"",
    },
    fix: "safe",
  },
  create(context) {
    const { evaluation } = context;
    // A subpackage's `Summary: %{summary}` repeats the main package's summary: one report, where
    // the period is written, is enough.
    const reportedSummaries = new Set<string>();
    return {
      tagLine(line) {
        if (line.name !== "summary") return;
        const value = line.value;
        if (value.text.endsWith(".")) {
          reportedSummaries.add(value.text.trim());
          const kept = withoutFinalPeriods(value.text);
          context.report({
            messageId: "period",
            data: { tag: line.tag.text, summary: value.text },
            start: value.start + kept.length,
            end: value.end,
            fix: {
              title: "Remove the final period",
              edits: [{ start: value.start + kept.length, end: value.end, text: "" }],
            },
          });
          return;
        }
        if (!value.text.includes("%")) return;
        const expanded = evaluation.expand(value.text, line.start).value;
        if (expanded === null || !expanded.trimEnd().endsWith(".")) return;
        if (reportedSummaries.has(expanded.trim())) return;
        reportedSummaries.add(expanded.trim());
        context.report({
          messageId: "periodFromMacro",
          data: { tag: line.tag.text, summary: expanded.trim() },
          start: value.start,
          end: value.end,
        });
      },
    };
  },
});
