import type { Finding, Severity } from "../engine/types.js";
import { findingFingerprints, relativePosixPath } from "./common.js";
import type { FileReport, Formatter, FormatterContext, RuleDescription } from "./types.js";

type SarifLevel = "error" | "warning" | "note";

const sarifLevel: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

/** The key under which results carry our fingerprint; bump the version if the hash changes. */
export const FINGERPRINT_KEY = "rpmspecLintFingerprint/v1";

function ruleDescriptor(rule: RuleDescription): Record<string, unknown> {
  const { meta, docsUrl } = rule;
  return {
    id: meta.name,
    name: meta.name,
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} Guideline: ${meta.guideline}` },
    helpUri: docsUrl,
    help: {
      text: `${meta.description}\n\nGuideline: ${meta.guideline}\nRule documentation: ${docsUrl}`,
      markdown: `${meta.description}\n\n[Guideline](${meta.guideline}) · [Rule documentation](${docsUrl})`,
    },
    defaultConfiguration: { level: sarifLevel[meta.severity] },
    properties: { tags: [meta.type] },
  };
}

/** A finding whose rule is not in the context's rule list still needs a descriptor to point at. */
function descriptorFromFinding(finding: Finding): Record<string, unknown> {
  return {
    id: finding.rule,
    name: finding.rule,
    shortDescription: { text: finding.rule },
    helpUri: finding.url,
    defaultConfiguration: { level: sarifLevel[finding.severity] },
  };
}

/** A percent-encoded relative URI reference with forward slashes. */
function artifactUri(filePath: string, context: FormatterContext): string {
  return relativePosixPath(filePath, context.cwd).split("/").map(encodeURIComponent).join("/");
}

function toResult(
  finding: Finding,
  report: FileReport,
  ruleIndex: number,
  fingerprint: string,
  context: FormatterContext,
): Record<string, unknown> {
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: sarifLevel[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(report.filePath, context) },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
}

/** SARIF 2.1.0 with what GitHub code scanning reads: rule metadata, levels, regions, fingerprints. */
export const sarif: Formatter = (reports, context) => {
  const rules = context.rules.map(ruleDescriptor);
  const ruleIndexes = new Map(context.rules.map((rule, index) => [rule.meta.name, index]));
  const results: Record<string, unknown>[] = [];
  for (const report of reports) {
    const fingerprints = findingFingerprints(report, context.cwd);
    for (const [index, finding] of report.findings.entries()) {
      let ruleIndex = ruleIndexes.get(finding.rule);
      if (ruleIndex === undefined) {
        ruleIndex = rules.length;
        rules.push(descriptorFromFinding(finding));
        ruleIndexes.set(finding.rule, ruleIndex);
      }
      results.push(toResult(finding, report, ruleIndex, fingerprints[index] ?? "", context));
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: context.tool.name,
            version: context.tool.version,
            semanticVersion: context.tool.version,
            informationUri: context.tool.informationUri,
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};
