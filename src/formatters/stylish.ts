import type { Finding, Severity } from "../engine/types.js";
import { countFindings, oneLine, plural } from "./common.js";
import type { FileReport, Formatter, FormatterContext } from "./types.js";

function severityLabel(severity: Severity, context: FormatterContext): string {
  const { chalk } = context;
  if (severity === "error") return chalk.red(severity);
  if (severity === "warning") return chalk.yellow(severity);
  return chalk.cyan(severity);
}

function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - text.length));
}

function fileBlock(report: FileReport, context: FormatterContext): string {
  const rows = report.findings.map((finding: Finding) => ({
    position: `${finding.line}:${finding.column}`,
    severity: finding.severity,
    message: oneLine(finding.message),
    rule: finding.rule,
  }));
  const positionWidth = Math.max(...rows.map((row) => row.position.length));
  const severityWidth = Math.max(...rows.map((row) => row.severity.length));
  const messageWidth = Math.max(...rows.map((row) => row.message.length));
  const lines = rows.map((row) => {
    const severity = severityLabel(row.severity, context) + " ".repeat(severityWidth - row.severity.length);
    return [
      "  " + context.chalk.dim(padEnd(row.position, positionWidth)),
      severity,
      padEnd(row.message, messageWidth),
      context.chalk.dim(row.rule),
    ].join("  ").trimEnd();
  });
  return `${context.chalk.underline(report.filePath)}\n${lines.join("\n")}\n`;
}

function summary(reports: readonly FileReport[], context: FormatterContext): string {
  const counts = countFindings(reports.flatMap((report) => report.findings), context.unsafeFixes);
  const total = counts.errors + counts.warnings + counts.infos;
  const parts = [plural(counts.errors, "error"), plural(counts.warnings, "warning")];
  if (counts.infos > 0) parts.push(plural(counts.infos, "info"));
  const colour = counts.errors > 0 ? context.chalk.red.bold : context.chalk.yellow.bold;
  const lines = [colour(`✖ ${plural(total, "problem")} (${parts.join(", ")})`)];
  const fixable = counts.fixable.error + counts.fixable.warning + counts.fixable.info;
  if (fixable > 0) {
    lines.push(`  ${plural(fixable, "problem")} fixable with the \`--fix\` option.`);
  }
  if (counts.unsafeFixable > 0) {
    lines.push(`  ${counts.unsafeFixable} more fixable with \`--fix --unsafe-fixes\`.`);
  }
  return lines.join("\n") + "\n";
}

/** Findings grouped by file, aligned in columns, then a summary; nothing at all when clean. */
export const stylish: Formatter = (reports, context) => {
  const withFindings = reports.filter((report) => report.findings.length > 0);
  if (withFindings.length === 0) return "";
  const blocks = withFindings.map((report) => fileBlock(report, context));
  return `\n${blocks.join("\n")}\n${summary(withFindings, context)}`;
};
