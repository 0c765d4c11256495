import { Chalk } from "chalk";
import type { Finding } from "../../src/engine/types.js";
import type { FileReport, FormatterContext, RuleDescription } from "../../src/formatters/types.js";

export const source = [
  "Name:           python-demo",
  "Summary:        A demo, with 100% \"quotes\" & <tags>.",
  "%files",
  "%{python3_sitelib}/*",
  "",
].join("\n");

function finding(partial: Partial<Finding> & Pick<Finding, "rule" | "severity" | "message" | "line">): Finding {
  return {
    column: 1,
    endLine: partial.line,
    endColumn: 2,
    start: 0,
    end: 1,
    url: `https://docs.example.org/guidelines#${partial.rule}`,
    fix: null,
    ...partial,
  };
}

const summaryStart = source.indexOf("A demo");
const summaryPeriod = source.indexOf(".\n", summaryStart);

export const reports: FileReport[] = [
  {
    filePath: "specs/python-demo.spec",
    source,
    findings: [
      finding({
        rule: "summary-ends-with-period",
        severity: "warning",
        message: "Summary ends with a period: drop the final `.`.",
        line: 2,
        column: 51,
        endColumn: 52,
        start: summaryPeriod,
        end: summaryPeriod + 1,
        fix: { title: "Drop the period", applicability: "safe", edits: [{ start: summaryPeriod, end: summaryPeriod + 1, text: "" }] },
      }),
      finding({
        rule: "missing-python3-devel",
        severity: "error",
        message: "No BuildRequires: python3-devel, 100% needed: add it, or use %pyproject_buildrequires.",
        line: 1,
        column: 1,
        endColumn: 28,
        fix: {
          title: "Add BuildRequires: python3-devel",
          applicability: "safe",
          edits: [
            { start: 0, end: 0, text: "# generated\n" },
            { start: summaryStart, end: summaryStart + 1, text: "a" },
          ],
        },
      }),
      finding({
        rule: "shared-directory-glob",
        severity: "warning",
        message: "%{python3_sitelib}/* owns the shared directory,\nlist the package's own files.",
        line: 4,
        column: 1,
        endColumn: 21,
        fix: { title: "List the module", applicability: "unsafe", edits: [{ start: 0, end: 0, text: "x" }] },
      }),
      finding({
        rule: "macro-in-comment",
        severity: "info",
        message: 'A "quoted" <macro> & more',
        line: 4,
        column: 3,
        endColumn: 9,
      }),
    ],
  },
  // As the CLI gives it: a report without findings carries no source.
  { filePath: "specs/clean.spec", findings: [] },
  {
    filePath: "specs/with space, comma:colon.spec",
    source: "Summary: x.\r\n",
    findings: [
      finding({ rule: "summary-ends-with-period", severity: "error", message: "Summary ends with a period.", line: 1, column: 11, endColumn: 12 }),
    ],
  },
];

function rule(name: string, severity: "error" | "warning" | "info", description: string): RuleDescription {
  return {
    meta: {
      name,
      severity,
      type: "problem",
      guideline: `https://docs.example.org/guidelines#${name}`,
      description,
      messages: { default: description },
      fix: "none",
    },
    docsUrl: `https://example.org/docs/rules/${name}.md`,
  };
}

export const rules: RuleDescription[] = [
  rule("missing-python3-devel", "error", "A spec that uses Python must build-require python3-devel."),
  rule("shared-directory-glob", "warning", "A %files glob owns a shared directory."),
  rule("summary-ends-with-period", "warning", "The Summary ends with a period."),
];

export function context(colourLevel: 0 | 1 = 0): FormatterContext {
  return {
    cwd: "/project",
    rules,
    tool: { name: "rpmspec-lint", version: "1.2.3", informationUri: "https://example.org/rpmspec-lint" },
    chalk: new Chalk({ level: colourLevel }),
    unsafeFixes: false,
  };
}
