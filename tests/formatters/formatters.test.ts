import { describe, expect, it } from "vitest";
import { formatNames, formatters } from "../../src/formatters/index.js";
import { FINGERPRINT_KEY } from "../../src/formatters/sarif.js";
import { formatStatisticsJson, formatStatisticsText } from "../../src/formatters/statistics.js";
import type { FileReport } from "../../src/formatters/types.js";
import { context, reports, source } from "./fixtures.js";

describe("every format", () => {
  for (const name of formatNames) {
    it(`${name} matches its golden output`, async () => {
      await expect(formatters[name](reports, context())).toMatchFileSnapshot(`__golden__/${name}.txt`);
    });
  }
});

describe("stylish", () => {
  it("prints nothing for clean files", () => {
    expect(formatters.stylish([reports[1]!], context())).toBe("");
  });

  it("colours only when the chalk instance has a level", () => {
    expect(formatters.stylish(reports, context(0))).not.toContain("\u001b[");
    expect(formatters.stylish(reports, context(1))).toContain("\u001b[31merror");
  });

  it("counts unsafe fixes separately unless they are enabled", () => {
    expect(formatters.stylish(reports, context())).toContain("1 more fixable with `--fix --unsafe-fixes`");
    const withUnsafe = formatters.stylish(reports, { ...context(), unsafeFixes: true });
    expect(withUnsafe).toContain("3 problems fixable with the `--fix` option.");
    expect(withUnsafe).not.toContain("more fixable");
  });
});

describe("json", () => {
  const results = JSON.parse(formatters.json(reports, context())) as Array<Record<string, unknown>>;

  it("keeps ESLint's key order and counts", () => {
    expect(Object.keys(results[0]!)).toEqual([
      "filePath",
      "messages",
      "suppressedMessages",
      "errorCount",
      "fatalErrorCount",
      "warningCount",
      "fixableErrorCount",
      "fixableWarningCount",
      "usedDeprecatedRules",
    ]);
    expect(results[0]).toMatchObject({ errorCount: 1, warningCount: 3, fixableErrorCount: 1, fixableWarningCount: 1 });
  });

  it("merges a multi-edit fix into one range whose text keeps what lies between the edits", () => {
    const message = (results[0]!["messages"] as Array<Record<string, unknown>>)[1]!;
    const fix = message["fix"] as { range: [number, number]; text: string };
    const fixed = source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
    expect(fixed).toBe("# generated\n" + source.replace("A demo", "a demo"));
  });

  it("offers unsafe fixes as suggestions, not fixes", () => {
    const message = (results[0]!["messages"] as Array<Record<string, unknown>>)[2]!;
    expect(message["fix"]).toBeUndefined();
    expect(message["suggestions"]).toEqual([{ desc: "List the module", fix: { range: [0, 0], text: "x" } }]);
  });

  it("adds the fixed text as output when given", () => {
    const withOutput: FileReport = { ...reports[1]!, output: "Name: fixed\n" };
    const [result] = JSON.parse(formatters.json([withOutput], context())) as Array<Record<string, unknown>>;
    expect(result!["output"]).toBe("Name: fixed\n");
    expect(Object.keys(result!).slice(-2)).toEqual(["output", "usedDeprecatedRules"]);
  });
});

describe("sarif", () => {
  const log = JSON.parse(formatters.sarif(reports, context()));
  const run = log.runs[0];

  it("has the fields GitHub code scanning requires", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver).toMatchObject({
      name: "rpmspec-lint",
      version: "1.2.3",
      informationUri: "https://example.org/rpmspec-lint",
    });
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(["error", "warning", "note"]).toContain(rule.defaultConfiguration.level);
    }
    for (const rule of run.tool.driver.rules.slice(0, 3)) {
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toContain(rule.helpUri);
      expect(rule.help.markdown).toContain("](https://");
    }
    expect(run.results).toHaveLength(5);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(["error", "warning", "note"]).toContain(result.level);
      expect(result.message.text).toBeTruthy();
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).not.toMatch(/^\/|\\/);
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
      expect(location.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(location.region.endLine).toBeGreaterThanOrEqual(location.region.startLine);
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("writes relative, percent-encoded URIs", () => {
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("specs/python-demo.spec");
    expect(run.results[4].locations[0].physicalLocation.artifactLocation.uri).toBe(
      "specs/with%20space%2C%20comma%3Acolon.spec",
    );
    const absolute = formatters.sarif([{ ...reports[2]!, filePath: "/project/a/b.spec" }], context());
    expect(JSON.parse(absolute).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("a/b.spec");
  });

  it("maps info to note", () => {
    expect(run.results[3].level).toBe("note");
  });
});

describe("fingerprints", () => {
  it("do not change when the reported line moves", () => {
    const shifted: FileReport = {
      ...reports[0]!,
      source: "# a new first line\n" + source,
      findings: reports[0]!.findings.map((finding) => ({ ...finding, line: finding.line + 1, endLine: finding.endLine + 1 })),
    };
    const before = JSON.parse(formatters.gitlab([reports[0]!], context())).map((issue: { fingerprint: string }) => issue.fingerprint);
    const after = JSON.parse(formatters.gitlab([shifted], context())).map((issue: { fingerprint: string }) => issue.fingerprint);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });

  it("stay distinct for identical findings on identical lines", () => {
    const twice: FileReport = { ...reports[2]!, findings: [reports[2]!.findings[0]!, reports[2]!.findings[0]!] };
    const [first, second] = JSON.parse(formatters.gitlab([twice], context()));
    expect(first.fingerprint).not.toBe(second.fingerprint);
  });
});

describe("github", () => {
  it("escapes data and properties as the workflow-command parser expects", () => {
    const output = formatters.github(reports, context());
    expect(output).toContain("::warning file=specs/python-demo.spec,line=4,col=1,endLine=4,endColumn=21,title=shared-directory-glob::");
    expect(output).toContain("owns the shared directory,%0Alist the package's own files.");
    expect(output).toContain("100%25 needed");
    expect(output).toContain("file=specs/with space%2C comma%3Acolon.spec,");
    expect(output).toContain("::notice ");
    expect(output.split("\n").filter(Boolean)).toHaveLength(5);
  });
});

describe("gnu", () => {
  it("prints one line per finding, notes for info", () => {
    const lines = formatters.gnu(reports, context()).split("\n").filter(Boolean);
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('specs/python-demo.spec:4:3: note: A "quoted" <macro> & more [macro-in-comment]');
  });
});

describe("checkstyle", () => {
  it("escapes XML special characters in attributes", () => {
    const output = formatters.checkstyle(reports, context());
    expect(output).toContain("A &#34;quoted&#34; &#60;macro&#62; &#38; more [macro-in-comment]");
    expect(output).toContain("directory,&#10;list");
    expect(output).not.toMatch(/message="[^"]*[<>&][^#]/);
  });
});

describe("statistics", () => {
  it("counts per rule and severity, most frequent first", () => {
    expect(formatStatisticsText(reports, context())).toBe(
      [
        "1  info     macro-in-comment",
        "1  error    missing-python3-devel     [*]",
        "1  warning  shared-directory-glob",
        "1  error    summary-ends-with-period",
        "1  warning  summary-ends-with-period  [*]",
        "",
      ].join("\n"),
    );
    expect(JSON.parse(formatStatisticsJson(reports, context()))[1]).toEqual({
      rule: "missing-python3-devel",
      severity: "error",
      count: 1,
      fixable: 1,
    });
  });
});
