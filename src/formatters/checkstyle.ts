import type { Formatter } from "./types.js";

/** Escapes XML attribute text and drops the control characters XML 1.0 cannot carry. */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[&<>"'\t\n\r]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Checkstyle XML, read by Jenkins warnings-ng, reviewdog and many CI dashboards. */
export const checkstyle: Formatter = (reports) => {
  const files = reports.map((report) => {
    const errors = report.findings.map(
      (finding) =>
        `<error line="${finding.line}" column="${finding.column}" severity="${finding.severity}" ` +
        `message="${escapeXml(`${finding.message} [${finding.rule}]`)}" ` +
        `source="${escapeXml(`rpmspec-lint.rules.${finding.rule}`)}"/>`,
    );
    return `<file name="${escapeXml(report.filePath)}">${errors.join("")}</file>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><checkstyle version="4.3">${files.join("")}</checkstyle>\n`;
};
