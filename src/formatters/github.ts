import type { Severity } from "../engine/types.js";
import { relativePosixPath } from "./common.js";
import type { Formatter } from "./types.js";

const command: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Workflow-command data escaping: `%`, CR and LF would end or corrupt the command. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally escape the `:` and `,` that delimit properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow commands, which show as annotations on the changed lines. */
export const github: Formatter = (reports, context) =>
  reports
    .flatMap((report) => {
      const file = escapeProperty(relativePosixPath(report.filePath, context.cwd));
      return report.findings.map((finding) => {
        const properties = [
          `file=${file}`,
          `line=${finding.line}`,
          `col=${finding.column}`,
          `endLine=${finding.endLine}`,
          `endColumn=${finding.endColumn}`,
          `title=${escapeProperty(finding.rule)}`,
        ].join(",");
        return `::${command[finding.severity]} ${properties}::${escapeData(finding.message)}\n`;
      });
    })
    .join("");
