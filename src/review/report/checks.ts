/**
 * The review-level checks: facts about the submission that the spec text alone cannot give — the
 * spec's file name, and how the source RPM compares with the spec evaluated for the target.
 */
import type { Evaluation, SourceModel } from "../../evaluation/types.js";
import { compileUntrustedRegExp } from "../../text/untrusted-regexp.js";
import type { SrpmContents } from "../srpm/srpm.js";
import type { Submission } from "../submission.js";
import { specTag, type SpecTag } from "./spec-identity.js";
import type { CheckDetail, CheckResult, CheckStatus, ReviewCheckId } from "./types.js";

/** Every review check, in report order. */
export const REVIEW_CHECK_IDS: readonly ReviewCheckId[] = [
  "spec-file-name",
  "srpm-name-version-release",
  "srpm-sources-present",
  "srpm-unreferenced-files",
  "spec-matches-srpm",
];

export interface CheckInput {
  evaluation: Evaluation;
  submission: Submission;
  /** The spec submitted next to the source RPM, if any. */
  companionSpec: Submission | null;
}

export function runChecks(input: CheckInput): CheckResult[] {
  const srpm = input.submission.srpm ?? null;
  return [
    specFileName(input),
    srpm === null ? noSrpm("srpm-name-version-release") : nameVersionRelease(input.evaluation, srpm),
    srpm === null ? noSrpm("srpm-sources-present") : sourcesPresent(input.evaluation, srpm),
    srpm === null ? noSrpm("srpm-unreferenced-files") : unreferencedFiles(input.evaluation, srpm),
    specMatchesSrpm(input),
  ];
}

function detail(message: string, line: number | null = null): CheckDetail {
  return { message, line };
}

/** fail over unknown over pass. */
function overallStatus(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("unknown")) return "unknown";
  return "pass";
}

function noSrpm(id: ReviewCheckId): CheckResult {
  return {
    id,
    status: "not-applicable",
    details: [detail("only a spec file was submitted: there is no source RPM to compare it with")],
  };
}

function unknownTag(label: string, tag: SpecTag): CheckDetail {
  if (tag.tag === null) return detail(`the spec has no ${label} tag`);
  return detail(`the spec's ${label} \`${tag.tag.value.text}\` is not known statically: ${tag.unknown ?? "it cannot be expanded"}`, tag.tag.line);
}

function specFileName(input: CheckInput): CheckResult {
  const name = specTag(input.evaluation, "name");
  const actual = input.submission.specFileName;
  if (name.value === null) {
    return { id: "spec-file-name", status: "unknown", details: [unknownTag("Name", name)] };
  }
  const expected = `${name.value}.spec`;
  const line = name.tag?.line ?? null;
  if (actual === expected) {
    return {
      id: "spec-file-name",
      status: "pass",
      details: [detail(`the spec file \`${actual}\` is named after Name \`${name.value}\``, line)],
    };
  }
  return {
    id: "spec-file-name",
    status: "fail",
    details: [detail(`the spec file is named \`${actual}\`; after Name \`${name.value}\` it should be \`${expected}\``, line)],
  };
}

interface FieldComparison {
  status: CheckStatus;
  detail: CheckDetail;
}

function compareExactly(field: string, label: string, tag: SpecTag, actual: string): FieldComparison {
  if (tag.value === null) return { status: tag.tag === null ? "fail" : "unknown", detail: unknownTag(label, tag) };
  const line = tag.tag?.line ?? null;
  if (tag.value === actual) {
    return { status: "pass", detail: detail(`${field} \`${actual}\` matches ${label}`, line) };
  }
  return {
    status: "fail",
    detail: detail(`${field} is \`${actual}\`, but the spec's ${label} is \`${tag.value}\``, line),
  };
}

function compareEpoch(tag: SpecTag, actual: number | null): FieldComparison {
  const line = tag.tag?.line ?? null;
  if (tag.tag === null) {
    return actual === null
      ? { status: "pass", detail: detail("neither the source RPM nor the spec sets an epoch") }
      : { status: "fail", detail: detail(`EPOCH is ${actual}, but the spec has no Epoch tag`) };
  }
  if (tag.value === null) return { status: "unknown", detail: unknownTag("Epoch", tag) };
  if (!/^[0-9]+$/.test(tag.value)) {
    return { status: "unknown", detail: detail(`the spec's Epoch \`${tag.value}\` is not a number`, line) };
  }
  const epoch = Number(tag.value);
  if (actual === epoch) return { status: "pass", detail: detail(`EPOCH ${actual} matches Epoch`, line) };
  const found = actual === null ? "the source RPM has no EPOCH" : `EPOCH is ${actual}`;
  return { status: "fail", detail: detail(`${found}, but the spec's Epoch is ${epoch}`, line) };
}

/**
 * A dist tag as build machines define `%{dist}`: `.fc43`, `.el9`, `.el10_1`, `.eln148`, with
 * Fedora's `~bootstrap` suffix.
 */
const DIST_TAG = String.raw`\.[A-Za-z]+[0-9]+(?:_[0-9]+)*(?:~bootstrap)?`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The source RPM's RELEASE holds the dist tag of the machine that built it (`.fc43`, or nothing
 * on a machine without `%{dist}`), which need not be the target's. Where the spec's release for
 * the target contains the target's dist tag, any dist tag (or none) is accepted in its place;
 * everything else must be equal.
 */
function compareRelease(tag: SpecTag, actual: string, evaluation: Evaluation): FieldComparison {
  if (tag.value === null) return { status: tag.tag === null ? "fail" : "unknown", detail: unknownTag("Release", tag) };
  const line = tag.tag?.line ?? null;
  const written = tag.tag === null ? tag.value : tag.tag.value.text;
  const target = evaluation.target;
  const targetDist = target.macros.get("dist") ?? "";
  const forTarget = `Release \`${written}\`, which is \`${tag.value}\` for ${target.id}`;
  if (targetDist === "" || !tag.value.includes(targetDist)) {
    if (tag.value === actual) return { status: "pass", detail: detail(`RELEASE \`${actual}\` matches ${forTarget}`, line) };
    return { status: "fail", detail: detail(`RELEASE is \`${actual}\`, but the spec has ${forTarget}`, line) };
  }
  // The release is spec text: dozens of dist tags in it must not make the match backtrack for ever.
  const pattern = compileUntrustedRegExp(`^${tag.value.split(targetDist).map(escapeRegExp).join(`(${DIST_TAG})?`)}$`);
  const match = pattern?.exec(actual) ?? null;
  if (match === null) {
    return {
      status: "fail",
      detail: detail(
        `RELEASE is \`${actual}\`, but the spec has ${forTarget} (compared with any dist tag, or none, in place of \`${targetDist}\`)`,
        line,
      ),
    };
  }
  const builtWith = match.slice(1).find((group) => group !== undefined);
  const how =
    builtWith === undefined
      ? "built without a dist tag"
      : builtWith === targetDist
        ? `built with the target's dist tag`
        : `built with the dist tag \`${builtWith}\` of the machine that made it`;
  return { status: "pass", detail: detail(`RELEASE \`${actual}\` matches ${forTarget} (${how})`, line) };
}

function nameVersionRelease(evaluation: Evaluation, srpm: SrpmContents): CheckResult {
  const { header } = srpm;
  const fields = [
    compareExactly("NAME", "Name", specTag(evaluation, "name"), header.name),
    compareEpoch(specTag(evaluation, "epoch"), header.epoch),
    compareExactly("VERSION", "Version", specTag(evaluation, "version"), header.version),
    compareRelease(specTag(evaluation, "release"), header.release, evaluation),
  ];
  return {
    id: "srpm-name-version-release",
    status: overallStatus(fields.map((field) => field.status)),
    details: fields.map((field) => field.detail),
  };
}

/**
 * The file name rpm gives a Source or Patch: the text after its last `/`, so a URL gives its last
 * path segment and `…/download#/foo-1.0.tar.gz` gives `foo-1.0.tar.gz`.
 */
export function sourceFileName(value: string): string {
  return value.slice(value.lastIndexOf("/") + 1).trim();
}

function sourceLabel(source: SourceModel): string {
  return `${source.kind === "source" ? "Source" : "Patch"}${source.number}`;
}

function leftOutOnPurpose(source: SourceModel, srpm: SrpmContents): boolean {
  const numbers = source.kind === "source" ? srpm.header.noSource : srpm.header.noPatch;
  return numbers.includes(source.number);
}

function sourcesPresent(evaluation: Evaluation, srpm: SrpmContents): CheckResult {
  const files = new Set(srpm.payloadFileNames);
  const results: FieldComparison[] = [];
  for (const source of evaluation.sources) {
    const label = sourceLabel(source);
    const line = source.line.line;
    if (source.value === null) {
      results.push({ status: "unknown", detail: detail(`${label}: its file name is not known statically`, line) });
      continue;
    }
    const fileName = sourceFileName(source.value);
    const named = fileName === source.value ? `\`${fileName}\`` : `\`${source.value}\` (file \`${fileName}\`)`;
    if (leftOutOnPurpose(source, srpm)) {
      results.push({ status: "pass", detail: detail(`${label} ${named} is declared NoSource/NoPatch: the source RPM leaves it out on purpose`, line) });
    } else if (fileName !== "" && files.has(fileName)) {
      results.push({ status: "pass", detail: detail(`${label} ${named} is in the source RPM`, line) });
    } else if (source.liveness === "unknown") {
      const condition = evaluation.unknownConditionAt(source.line.start);
      const why = condition === null ? "a condition that cannot be evaluated statically" : `\`${condition}\``;
      results.push({ status: "unknown", detail: detail(`${label} ${named} is not in the source RPM; it is declared under ${why}`, line) });
    } else {
      results.push({ status: "fail", detail: detail(`${label} ${named} is not in the source RPM`, line) });
    }
  }
  if (results.length === 0) {
    return { id: "srpm-sources-present", status: "pass", details: [detail("the spec declares no sources or patches")] };
  }
  return {
    id: "srpm-sources-present",
    status: overallStatus(results.map((result) => result.status)),
    details: results.map((result) => result.detail),
  };
}

function unreferencedFiles(evaluation: Evaluation, srpm: SrpmContents): CheckResult {
  const referenced = new Set<string>([srpm.specFileName]);
  let unknownNames = false;
  for (const source of evaluation.sources) {
    if (source.value === null) unknownNames = true;
    else referenced.add(sourceFileName(source.value));
  }
  const extra = srpm.payloadFileNames.filter((file) => !referenced.has(file));
  if (extra.length === 0) {
    return {
      id: "srpm-unreferenced-files",
      status: "pass",
      details: [detail("every file of the source RPM is the spec or one of its sources and patches")],
    };
  }
  const target = evaluation.target.id;
  if (unknownNames) {
    return {
      id: "srpm-unreferenced-files",
      status: "unknown",
      details: extra.map((file) =>
        detail(`\`${file}\` is named by no source or patch whose name is known statically; one of the others may name it`),
      ),
    };
  }
  return {
    id: "srpm-unreferenced-files",
    status: "fail",
    details: extra.map((file) => detail(`\`${file}\` is in the source RPM, but no SourceN or PatchN of the spec names it for ${target}`)),
  };
}

function specMatchesSrpm(input: CheckInput): CheckResult {
  const { submission, companionSpec } = input;
  if (submission.srpm === undefined || companionSpec === null) {
    const why =
      submission.srpm === undefined
        ? "no source RPM was submitted to compare the spec with"
        : "no spec file was submitted next to the source RPM";
    return { id: "spec-matches-srpm", status: "not-applicable", details: [detail(why)] };
  }
  const inSrpm = `\`${submission.specFileName}\` in the source RPM`;
  const given = `the spec \`${companionSpec.source}\``;
  const differingLine = firstDifferingLine(companionSpec.specBytes, submission.specBytes);
  if (differingLine === null) {
    return { id: "spec-matches-srpm", status: "pass", details: [detail(`${given} is byte for byte ${inSrpm}`)] };
  }
  return {
    id: "spec-matches-srpm",
    status: "fail",
    details: [detail(`${given} differs from ${inSrpm} from line ${differingLine} on`, differingLine)],
  };
}

/** The 1-based line where two files first differ; null when they are equal. */
function firstDifferingLine(a: Uint8Array, b: Uint8Array): number | null {
  const length = Math.min(a.length, b.length);
  let line = 1;
  for (let index = 0; index < length; index++) {
    if (a[index] !== b[index]) return line;
    if (a[index] === 0x0a) line += 1;
  }
  return a.length === b.length ? null : line;
}
