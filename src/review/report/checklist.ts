/**
 * Decides the checklist: each item's status from the findings of its rules, the results of its
 * checks, whether it applies to the submission, and whether it needs a human.
 */
import type { Finding } from "../../engine/types.js";
import type { Applicability, CheckResult, ChecklistItem, ChecklistResult, ItemStatus, RuleReference } from "./types.js";

export interface ChecklistContext {
  findings: readonly Finding[];
  checks: readonly CheckResult[];
  /** The rules that linted the spec. */
  ranRules: ReadonlySet<string>;
  /** Every rule rpmspec-lint has, run or not. */
  knownRules: ReadonlySet<string>;
  /** Why items of each kind do not apply to the submission; null when they do. */
  notApplicable: Readonly<Record<Applicability, string | null>>;
}

function decides(reference: RuleReference, finding: Finding): boolean {
  return finding.rule === reference.rule && (reference.severity === undefined || reference.severity === finding.severity);
}

function notRunNote(rule: string, context: ChecklistContext): string {
  return context.knownRules.has(rule)
    ? `Not checked automatically: the rule \`${rule}\` was not run.`
    : `Not checked automatically: rpmspec-lint has no \`${rule}\` rule yet.`;
}

function decideItem(item: ChecklistItem, context: ChecklistContext): ChecklistResult {
  const checks = item.checks.map((id) => {
    const result = context.checks.find((check) => check.id === id);
    if (result === undefined) throw new Error(`checklist item ${item.id} names the unknown check ${id}`);
    return result;
  });
  const reason = context.notApplicable[item.applies];
  if (reason !== null) {
    return { item, status: "not-applicable", notes: [`Not applicable: ${reason}.`], findings: [], checks };
  }
  const findings = context.findings.filter((finding) => item.rules.some((reference) => decides(reference, finding)));
  const notRun = [...new Set(item.rules.map((reference) => reference.rule).filter((rule) => !context.ranRules.has(rule)))];
  const notes = notRun.map((rule) => notRunNote(rule, context));
  if (item.human !== undefined) notes.push(`To check by hand: ${item.human}.`);

  let status: ItemStatus;
  if (findings.some((finding) => finding.severity !== "info") || checks.some((check) => check.status === "fail")) {
    status = "fail";
  } else if (findings.length > 0 || checks.some((check) => check.status === "unknown") || notes.length > 0) {
    status = "needs-human";
  } else {
    status = "pass";
  }
  return { item, status, notes, findings, checks };
}

export function decideChecklist(items: readonly ChecklistItem[], context: ChecklistContext): ChecklistResult[] {
  return items.map((item) => decideItem(item, context));
}
