import type { Severity } from "../engine/types.js";
import { findingFingerprints, relativePosixPath } from "./common.js";
import type { Formatter } from "./types.js";

/** GitLab Code Quality severities: info, minor, major, critical, blocker. */
const gitlabSeverity: Record<Severity, string> = { error: "major", warning: "minor", info: "info" };

/** GitLab Code Quality report (the `codequality` artifact of a CI job). */
export const gitlab: Formatter = (reports, context) => {
  const issues = reports.flatMap((report) => {
    const fingerprints = findingFingerprints(report, context.cwd);
    const file = relativePosixPath(report.filePath, context.cwd);
    return report.findings.map((finding, index) => ({
      description: finding.message,
      check_name: finding.rule,
      fingerprint: fingerprints[index],
      severity: gitlabSeverity[finding.severity],
      location: { path: file, lines: { begin: finding.line, end: finding.endLine } },
    }));
  });
  return JSON.stringify(issues, null, 2) + "\n";
};
