import type { Finding, Fix } from "../engine/types.js";
import { countFindings } from "./common.js";
import type { FileReport, Formatter } from "./types.js";

/** ESLint's single-edit fix: replace `source.slice(range[0], range[1])` with `text`. */
interface JsonFix {
  range: [number, number];
  text: string;
}

/** Merges a fix's edits into the one edit ESLint's format allows, keeping the text between them. */
function toJsonFix(fix: Fix, source: string): JsonFix | null {
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  const first = edits[0];
  const last = edits[edits.length - 1];
  if (first === undefined || last === undefined) return null;
  let text = "";
  let position = first.start;
  for (const edit of edits) {
    text += source.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return { range: [first.start, last.end], text };
}

function toMessage(finding: Finding, source: string): Record<string, unknown> {
  const message: Record<string, unknown> = {
    ruleId: finding.rule,
    severity: finding.severity === "error" ? 2 : 1,
    message: finding.message,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
  };
  const fix = finding.fix === null ? null : toJsonFix(finding.fix, source);
  if (finding.fix !== null && fix !== null) {
    if (finding.fix.applicability === "safe") message["fix"] = fix;
    else message["suggestions"] = [{ desc: finding.fix.title, fix }];
  }
  return message;
}

/** One ESLint LintResult object per file (warnings and infos are both ESLint severity 1). */
function toResult(report: FileReport): Record<string, unknown> {
  const counts = countFindings(report.findings, false);
  const result: Record<string, unknown> = {
    filePath: report.filePath,
    messages: report.findings.map((finding) => toMessage(finding, report.source ?? "")),
    suppressedMessages: [],
    errorCount: counts.errors,
    fatalErrorCount: 0,
    warningCount: counts.warnings + counts.infos,
    fixableErrorCount: counts.fixable.error,
    fixableWarningCount: counts.fixable.warning + counts.fixable.info,
  };
  if (report.output !== undefined) result["output"] = report.output;
  result["usedDeprecatedRules"] = [];
  return result;
}

export const json: Formatter = (reports) => JSON.stringify(reports.map(toResult)) + "\n";
