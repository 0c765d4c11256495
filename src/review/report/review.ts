/**
 * `reviewSubmission`: lints the spec of a submission with every rule, runs the review-level
 * checks against the source RPM, and decides the review checklist.
 */
import { allRules } from "../../../rules/index.js";
import { lintEvaluated } from "../../engine/lint.js";
import type { Rule } from "../../engine/types.js";
import { evaluate } from "../../evaluation/evaluate.js";
import { extrasMacroCalls, handWrittenExtras } from "../../evaluation/python-extras.js";
import { pythonScope } from "../../evaluation/python-scope.js";
import { usesPython } from "../../evaluation/python-usage.js";
import { DEFAULT_TARGET } from "../../evaluation/targets.js";
import type { Evaluation } from "../../evaluation/types.js";
import { parseSpec } from "../../parser/parse.js";
import type { Submission } from "../submission.js";
import { CHECKLIST_ITEMS } from "./checklist-items.js";
import { decideChecklist } from "./checklist.js";
import { runChecks } from "./checks.js";
import { specIdentity } from "./spec-identity.js";
import type { Applicability, ReviewReport, SubmissionSummary } from "./types.js";

export interface ReviewOptions {
  /** Target id; `fedora-rawhide` when omitted. An unknown id throws a RangeError. */
  target?: string;
  /**
   * The spec submitted next to a source RPM (a review request's Spec URL): the review compares
   * it with the spec inside the source RPM, and reviews the latter.
   */
  companionSpec?: Submission;
  /** The rules to lint with; every rule of rpmspec-lint when omitted. */
  rules?: readonly Rule[];
}

export function reviewSubmission(submission: Submission, options: ReviewOptions = {}): ReviewReport {
  const target = options.target ?? DEFAULT_TARGET;
  const rules = options.rules ?? allRules;
  const companionSpec = options.companionSpec ?? null;
  const { tree } = parseSpec(submission.specBytes);
  const evaluation = evaluate(tree, { target });
  // The file name is checked by the review check, which knows where the name came from (a path,
  // a URL, or the source RPM), so the spec is linted as text.
  const lint = lintEvaluated(evaluation, { rules, filePath: null });
  const checks = runChecks({ evaluation, submission, companionSpec });
  const checklist = decideChecklist(CHECKLIST_ITEMS, {
    findings: lint.findings,
    checks,
    ranRules: new Set(rules.map((rule) => rule.meta.name)),
    knownRules: new Set(allRules.map((rule) => rule.meta.name)),
    notApplicable: notApplicableReasons(evaluation, submission, companionSpec),
  });
  return {
    submission: summarize(submission, companionSpec),
    target,
    spec: specIdentity(evaluation),
    specText: lint.source,
    findings: lint.findings,
    checks,
    checklist,
    mustFailed: checklist.some((result) => result.item.level === "MUST" && result.status === "fail"),
  };
}

function notApplicableReasons(
  evaluation: Evaluation,
  submission: Submission,
  companionSpec: Submission | null,
): Record<Applicability, string | null> {
  const python = usesPython(evaluation);
  const library = pythonScope(evaluation).shipsLibrary;
  const extras = handWrittenExtras(evaluation).length > 0 || extrasMacroCalls(evaluation).length > 0;
  const srpm = submission.srpm !== undefined;
  return {
    always: null,
    "uses-python": python ? null : `the spec does not use Python for ${evaluation.target.id}`,
    "python-library": library ? null : `the spec ships no importable Python module for ${evaluation.target.id}`,
    "python-extras": extras ? null : `the spec builds no Python extras subpackage for ${evaluation.target.id}`,
    srpm: srpm ? null : "only a spec file was submitted, no source RPM",
    "spec-and-srpm": !srpm
      ? "no source RPM was submitted to compare the spec with"
      : companionSpec === null
        ? "no spec file was submitted next to the source RPM"
        : null,
  };
}

function summarize(submission: Submission, companionSpec: Submission | null): SubmissionSummary {
  const srpm = submission.srpm;
  return {
    kind: submission.kind,
    source: submission.source,
    url: submission.url ?? null,
    specFileName: submission.specFileName,
    srpm:
      srpm === undefined
        ? null
        : {
            name: srpm.header.name,
            epoch: srpm.header.epoch,
            version: srpm.header.version,
            release: srpm.header.release,
            payloadCompression: srpm.payloadCompression,
            files: srpm.payloadFileNames,
          },
    companionSpec: companionSpec === null ? null : companionSpec.source,
  };
}
