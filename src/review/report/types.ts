/**
 * The review report: what `rpmspec-lint review` finds in one submission (a spec, or a source RPM
 * with its spec), as data the Markdown and JSON formatters print.
 */
import type { Finding, Severity } from "../../engine/types.js";
import type { PayloadCompression } from "../srpm/decompress.js";
import type { SubmissionKind } from "../submission.js";

/** The review-level checks, which look at the submission rather than at the spec text alone. */
export type ReviewCheckId =
  | "spec-file-name"
  | "srpm-name-version-release"
  | "srpm-sources-present"
  | "srpm-unreferenced-files"
  | "spec-matches-srpm";

/** `unknown`: the spec does not tell statically (a macro with no static value, `%autorelease`…). */
export type CheckStatus = "pass" | "fail" | "unknown" | "not-applicable";

/** One fact a check established, at a line of the spec when it concerns one. */
export interface CheckDetail {
  message: string;
  line: number | null;
}

export interface CheckResult {
  id: ReviewCheckId;
  status: CheckStatus;
  /** What was compared and what was found; for `not-applicable`, why. */
  details: CheckDetail[];
}

export type ChecklistLevel = "MUST" | "SHOULD";
export type ChecklistGroup = "Generic" | "Python";

/**
 * When an item applies: to every spec, to specs that use Python at all (the distro-wide
 * guidelines), to specs that ship an importable library, to specs with Python extras
 * subpackages, when a source RPM was submitted, or when both a spec and its source RPM were.
 */
export type Applicability = "always" | "uses-python" | "python-library" | "python-extras" | "srpm" | "spec-and-srpm";

/** A rule whose findings decide an item; `severity` limits it to the findings of that severity. */
export interface RuleReference {
  rule: string;
  severity?: Severity;
}

/** One item of the review checklist, as data. */
export interface ChecklistItem {
  id: string;
  level: ChecklistLevel;
  group: ChecklistGroup;
  /** The requirement, in our own words. */
  text: string;
  /** The guideline section the item comes from. */
  url: string;
  applies: Applicability;
  /** Rules whose findings fail the item (info-level findings make it need a human instead). */
  rules: readonly RuleReference[];
  checks: readonly ReviewCheckId[];
  /**
   * What a reviewer has to look at, for requirements no static check can decide. An item with
   * this text needs a human even when its rules and checks find nothing.
   */
  human?: string;
}

/** `[x]`, `[!]`, `[-]`, `[?]`. */
export type ItemStatus = "pass" | "fail" | "not-applicable" | "needs-human";

export interface ChecklistResult {
  item: ChecklistItem;
  status: ItemStatus;
  /**
   * Why the item does not apply, what a human has to look at, or which of its rules did not
   * run; one sentence each.
   */
  notes: string[];
  /** The findings of the item's rules, in line order. */
  findings: Finding[];
  /** The results of the item's checks, in the item's order. */
  checks: CheckResult[];
}

/** The package as the spec declares it for the target; null where it is not known statically. */
export interface SpecIdentity {
  name: string | null;
  epoch: string | null;
  version: string | null;
  release: string | null;
}

export interface SubmittedSrpm {
  name: string;
  epoch: number | null;
  version: string;
  release: string;
  payloadCompression: PayloadCompression;
  /** The file names the source RPM carries, in header order. */
  files: string[];
}

export interface SubmissionSummary {
  kind: SubmissionKind;
  /** The path or URL as given. */
  source: string;
  /** For a URL, where the bytes came from after redirects; null otherwise. */
  url: string | null;
  specFileName: string;
  srpm: SubmittedSrpm | null;
  /** The spec submitted next to the source RPM (a review request's Spec URL); null when none was. */
  companionSpec: string | null;
}

export interface ReviewReport {
  submission: SubmissionSummary;
  /** The target the spec was evaluated for. */
  target: string;
  spec: SpecIdentity;
  /** The decoded spec text, which the findings' lines refer to. */
  specText: string;
  /** Every lint finding for the spec, in line order. */
  findings: Finding[];
  checks: CheckResult[];
  /** Every checklist item, in the table's order. */
  checklist: ChecklistResult[];
  /** A MUST item failed: the exit status is 1. */
  mustFailed: boolean;
}
