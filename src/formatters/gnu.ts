import type { Severity } from "../engine/types.js";
import { oneLine } from "./common.js";
import type { Formatter } from "./types.js";

const gnuSeverity: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

/** `path:line:col: error|warning|note: message [rule]`, the form editors' compile modes parse. */
export const gnu: Formatter = (reports) =>
  reports
    .flatMap((report) =>
      report.findings.map(
        (finding) =>
          `${report.filePath}:${finding.line}:${finding.column}: ${gnuSeverity[finding.severity]}: ` +
          `${oneLine(finding.message)} [${finding.rule}]\n`,
      ),
    )
    .join("");
