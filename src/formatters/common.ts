import { createRequire } from "node:module";
import path from "node:path";
import type { Finding, Severity } from "../engine/types.js";
import type { FileReport } from "./types.js";

/** A finding counts as fixable when its fix would be applied by `--fix` (with the given flags). */
export function isFixable(finding: Finding, unsafeFixes: boolean): boolean {
  if (finding.fix === null) return false;
  return finding.fix.applicability === "safe" || unsafeFixes;
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
  fixable: Record<Severity, number>;
  /** Findings whose fix is unsafe and was not enabled with `--unsafe-fixes`. */
  unsafeFixable: number;
}

export function countFindings(findings: readonly Finding[], unsafeFixes: boolean): FindingCounts {
  const counts: FindingCounts = {
    errors: 0,
    warnings: 0,
    infos: 0,
    fixable: { error: 0, warning: 0, info: 0 },
    unsafeFixable: 0,
  };
  for (const finding of findings) {
    if (finding.severity === "error") counts.errors++;
    else if (finding.severity === "warning") counts.warnings++;
    else counts.infos++;
    if (isFixable(finding, unsafeFixes)) counts.fixable[finding.severity]++;
    else if (finding.fix !== null) counts.unsafeFixable++;
  }
  return counts;
}

/** The message on one line, for formats that print one finding per line. */
export function oneLine(message: string): string {
  // Matched only from the start of a run of blanks: otherwise a long run of spaces is scanned
  // again from each of its characters (quadratic).
  return message.replace(/(?<!\s)\s*[\r\n]+\s*/g, " ");
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The path relative to `cwd` with forward slashes, as code-quality tools expect. */
export function relativePosixPath(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, filePath));
  return relative.split(path.sep).join("/");
}

/** The lines of `source` without their line endings (index 0 is line 1). */
export function sourceLines(source: string): string[] {
  return source.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

// node:crypto is loaded by the formats that fingerprint findings, not by every start (~2.5 ms).
const require = createRequire(import.meta.url);

/**
 * Fingerprints that survive unrelated edits: they hash the file, the rule and the reported line's
 * text (not its number), plus the occurrence index among identical keys so duplicates stay distinct.
 */
export function findingFingerprints(report: FileReport, cwd: string): string[] {
  const file = relativePosixPath(report.filePath, cwd);
  const lines = sourceLines(report.source ?? "");
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  const seen = new Map<string, number>();
  return report.findings.map((finding) => {
    const key = [file, finding.rule, (lines[finding.line - 1] ?? "").trim()].join("\0");
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash("sha256").update(`${key}\0${occurrence}`).digest("hex");
  });
}
