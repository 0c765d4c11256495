/**
 * The review reports as JSON for tools. Every object is built key by key here, so the key order
 * is part of the format and stays stable whatever the report types gain.
 */
import type { Finding } from "../engine/types.js";
import type { CheckResult, ChecklistLevel, ChecklistResult, ItemStatus, ReviewReport } from "../review/report/types.js";
import type { ReviewToolInfo } from "./review-markdown.js";

const STATUS_KEYS: Record<ItemStatus, "pass" | "fail" | "notApplicable" | "needsHuman"> = {
  pass: "pass",
  fail: "fail",
  "not-applicable": "notApplicable",
  "needs-human": "needsHuman",
};

function findingJson(finding: Finding): object {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    url: finding.url,
    fix: finding.fix === null ? null : { title: finding.fix.title, applicability: finding.fix.applicability },
  };
}

function checkJson(check: CheckResult): object {
  return {
    id: check.id,
    status: check.status,
    details: check.details.map((detail) => ({ line: detail.line, message: detail.message })),
  };
}

function itemJson(result: ChecklistResult): object {
  const { item } = result;
  return {
    id: item.id,
    level: item.level,
    group: item.group,
    status: result.status,
    text: item.text,
    url: item.url,
    rules: item.rules.map((reference) => ({ rule: reference.rule, severity: reference.severity ?? null })),
    checks: [...item.checks],
    notes: [...result.notes],
    findings: result.findings.map(findingJson),
  };
}

function counts(report: ReviewReport, level: ChecklistLevel): object {
  const tally = { pass: 0, fail: 0, notApplicable: 0, needsHuman: 0 };
  for (const result of report.checklist) {
    if (result.item.level === level) tally[STATUS_KEYS[result.status]] += 1;
  }
  return tally;
}

function reportJson(report: ReviewReport): object {
  const { submission, spec } = report;
  const srpm = submission.srpm;
  return {
    submission: {
      kind: submission.kind,
      source: submission.source,
      url: submission.url,
      specFileName: submission.specFileName,
      companionSpec: submission.companionSpec,
      srpm:
        srpm === null
          ? null
          : {
              name: srpm.name,
              epoch: srpm.epoch,
              version: srpm.version,
              release: srpm.release,
              payloadCompression: srpm.payloadCompression,
              files: [...srpm.files],
            },
    },
    target: report.target,
    spec: { name: spec.name, epoch: spec.epoch, version: spec.version, release: spec.release },
    mustFailed: report.mustFailed,
    summary: { MUST: counts(report, "MUST"), SHOULD: counts(report, "SHOULD") },
    checklist: report.checklist.map(itemJson),
    checks: report.checks.map(checkJson),
    findings: report.findings.map(findingJson),
  };
}

export function formatReviewJson(reports: readonly ReviewReport[], tool: ReviewToolInfo): string {
  return JSON.stringify({ tool: { name: tool.name, version: tool.version }, reports: reports.map(reportJson) }, null, 2) + "\n";
}
