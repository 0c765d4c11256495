import type { Severity } from "../engine/types.js";
import { isFixable } from "./common.js";
import type { FileReport, FormatterContext } from "./types.js";

interface RuleStatistic {
  rule: string;
  severity: Severity;
  count: number;
  fixable: number;
}

/** Finding counts per rule and severity, most frequent first. */
function ruleStatistics(reports: readonly FileReport[], unsafeFixes: boolean): RuleStatistic[] {
  const byKey = new Map<string, RuleStatistic>();
  for (const report of reports) {
    for (const finding of report.findings) {
      const key = `${finding.rule}\0${finding.severity}`;
      let statistic = byKey.get(key);
      if (statistic === undefined) {
        statistic = { rule: finding.rule, severity: finding.severity, count: 0, fixable: 0 };
        byKey.set(key, statistic);
      }
      statistic.count++;
      if (isFixable(finding, unsafeFixes)) statistic.fixable++;
    }
  }
  const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...byKey.values()].sort(
    (a, b) =>
      b.count - a.count ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      severityRank[a.severity] - severityRank[b.severity],
  );
}

/** `count  severity  rule  [*]` per line, `[*]` marking rules with fixable findings. */
export function formatStatisticsText(reports: readonly FileReport[], context: FormatterContext): string {
  const statistics = ruleStatistics(reports, context.unsafeFixes);
  if (statistics.length === 0) return "";
  const countWidth = Math.max(...statistics.map((statistic) => String(statistic.count).length));
  const ruleWidth = Math.max(...statistics.map((statistic) => statistic.rule.length));
  return statistics
    .map((statistic) => {
      const count = String(statistic.count).padStart(countWidth);
      const severity = statistic.severity.padEnd("warning".length);
      const fixable = statistic.fixable > 0 ? "  [*]" : "";
      return `${count}  ${severity}  ${statistic.rule.padEnd(ruleWidth)}${fixable}`.trimEnd() + "\n";
    })
    .join("");
}

export function formatStatisticsJson(reports: readonly FileReport[], context: FormatterContext): string {
  return JSON.stringify(ruleStatistics(reports, context.unsafeFixes), null, 2) + "\n";
}
