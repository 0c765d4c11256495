import { describe, expect, it } from "vitest";
import specSyntaxError from "../../rules/spec-syntax-error.js";
import unusedDisableDirective from "../../rules/unused-disable-directive.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { fixSpec, MAX_FIX_PASSES } from "../../src/engine/fix.js";
import { lintSpec, LintOptionsError } from "../../src/engine/lint.js";
import { insertLineAfter } from "../../src/engine/edits.js";
import type { Rule, RuleMeta } from "../../src/engine/types.js";
import type { LineNode } from "../../src/tree/nodes.js";

function meta<MessageId extends string>(name: string, messages: Record<MessageId, string>, extra: Partial<RuleMeta<MessageId>> = {}): RuleMeta<MessageId> {
  return {
    name,
    severity: "warning",
    type: "problem",
    guideline: `https://example.org/guidelines#${name}`,
    description: `The ${name} test rule.`,
    messages,
    fix: "none",
    ...extra,
  };
}

/** Reports every tag line whose tag is `tag`, on the tag name. */
function tagRule(name: string, tag: string): Rule {
  return defineRule({
    meta: meta(name, { found: "found `{{tag}}:`" }),
    create(context) {
      return {
        tagLine(line) {
          if (line.name === tag) context.report({ messageId: "found", data: { tag: line.tag.text }, start: line.tag.start, end: line.tag.end });
        },
      };
    },
  });
}

const vendorRule = tagRule("vendor-found", "vendor");
const urlRule = tagRule("url-found", "url");
const engineRules = [specSyntaxError, unusedDisableDirective];

describe("lintSpec", () => {
  it("turns reports into findings with positions, severity, guideline URL, sorted by position then rule", () => {
    const result = lintSpec("Name: x\nURL: u\nVendor: v\n", { rules: [vendorRule, urlRule, ...engineRules] });
    expect(result.source).toBe("Name: x\nURL: u\nVendor: v\n");
    expect(result.filePath).toBeNull();
    expect(result.findings).toEqual([
      {
        rule: "url-found",
        severity: "warning",
        message: "found `URL:`",
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 4,
        start: 8,
        end: 11,
        url: "https://example.org/guidelines#url-found",
        fix: null,
      },
      expect.objectContaining({ rule: "vendor-found", line: 3, column: 1, endColumn: 7 }),
    ]);
  });

  it("keeps the BOM out of the source and the positions", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Vendor: v\n")]);
    const result = lintSpec(bytes, { rules: [vendorRule], filePath: "x.spec" });
    expect(result.source).toBe("Vendor: v\n");
    expect(result.encoding).toEqual({ bom: true, charset: "utf8" });
    expect(result.filePath).toBe("x.spec");
    expect(result.findings[0]).toMatchObject({ line: 1, column: 1, start: 0 });
  });

  it("does not visit lines in dead branches, and visits unknown ones", () => {
    const visited: number[] = [];
    const recorder = defineRule({
      meta: meta("recorder", { seen: "seen" }),
      create: () => ({ line: (line: LineNode) => void visited.push(line.line) }),
    });
    lintSpec("Name: x\n%if 0\nVendor: dead\n%endif\n%if %(echo 1)\nVendor: unknown\n%endif\n", { rules: [recorder] });
    expect(visited).toEqual([1, 2, 4, 5, 6, 7]);
  });

  it("gives the tag visitor every tag line and the tags declared in kept %{?cond:Tag: …} bodies", () => {
    const seen: string[] = [];
    const recorder = defineRule({
      meta: meta("tag-recorder", { seen: "seen" }),
      create: () => ({ tag: (line) => void seen.push(`${line.line}:${line.tag.text}:${line.value.text}`) }),
    });
    lintSpec(
      "%global on 1\nName: x\n%{?on:Requires: kept}\n%{?off:Requires: dropped}\n%package sub\n%{!?off:Provides: also}\nSummary: s\n%build\n%{?on:Requires: not-a-preamble}\n",
      { rules: [recorder] },
    );
    expect(seen).toEqual(["2:Name:x", "3:Requires:kept", "6:Provides:also", "7:Summary:s"]);
  });

  it("drops reports that land in dead code", () => {
    const everywhere = defineRule({
      meta: meta("everywhere", { here: "here" }),
      create(context) {
        return {
          endOfFile() {
            for (const start of context.tree.lineStarts.slice(0, -1)) context.report({ messageId: "here", start, end: start });
          },
        };
      },
    });
    const result = lintSpec("Name: x\n%if 0\nVendor: dead\n%endif\n", { rules: [everywhere] });
    expect(result.findings.map((finding) => finding.line)).toEqual([1, 2, 4]);
  });

  it("names the undecidable condition of a finding's line after the message of any rule, and nothing on a live line", () => {
    const spec = "Name: x\n%if %(echo 1)\nVendor: unknown\n%else\nVendor: other\n%endif\nVendor: live\n";
    const result = lintSpec(spec, { rules: [vendorRule] });
    expect(result.findings.map((finding) => [finding.line, finding.message])).toEqual([
      [3, "found `Vendor:` (in a branch that depends on `%(echo 1)`)"],
      [5, "found `Vendor:` (in a branch that depends on `%(echo 1)`)"],
      [7, "found `Vendor:`"],
    ]);
  });

  it("takes the condition from conditionAt when a rule gives it", () => {
    const spec = "Name: x\n%if %(echo 1)\nVendor: unknown\n%endif\n";
    const unknownLine = spec.indexOf("Vendor");
    const elsewhere = defineRule({
      meta: meta("elsewhere", { here: "here" }),
      create: (context) => ({
        endOfFile() {
          context.report({ messageId: "here", start: 0, end: 4, conditionAt: unknownLine });
          context.report({ messageId: "here", start: unknownLine, end: unknownLine + 6, conditionAt: 0 });
        },
      }),
    });
    const result = lintSpec(spec, { rules: [elsewhere] });
    expect(result.findings.map((finding) => [finding.line, finding.message])).toEqual([
      [1, "here (in a branch that depends on `%(echo 1)`)"],
      [3, "here"],
    ]);
  });

  it("contains a rule that throws: one finding naming it, the rule stops, the others go on", () => {
    const broken = defineRule({
      meta: meta("broken", { never: "never" }),
      create: () => ({
        tagLine(line) {
          if (line.name === "url") throw new TypeError("cannot read the URL");
        },
      }),
    });
    const result = lintSpec("Name: x\nURL: u\nURL: v\nVendor: v\n", { rules: [broken, vendorRule] });
    expect(result.findings.map((finding) => [finding.rule, finding.severity, finding.line])).toEqual([
      ["broken", "error", 2],
      ["vendor-found", "warning", 4],
    ]);
    expect(result.findings[0]?.message).toContain("internal error in rule broken at line 2");
    expect(result.findings[0]?.message).toContain("cannot read the URL");
  });

  it("contains rule bugs found by the engine: unknown message data, a fix the meta does not declare, a range outside the text", () => {
    const badData = defineRule({
      meta: meta("bad-data", { found: "found {{what}}" }),
      create: (context) => ({ endOfFile: () => context.report({ messageId: "found", start: 0, end: 0 }) }),
    });
    const undeclaredFix = defineRule({
      meta: meta("undeclared-fix", { found: "found" }),
      create: (context) => ({
        endOfFile: () => context.report({ messageId: "found", start: 0, end: 0, fix: { title: "t", edits: [] } }),
      }),
    });
    const outside = defineRule({
      meta: meta("outside", { found: "found" }),
      create: (context) => ({ endOfFile: () => context.report({ messageId: "found", start: 0, end: 999 }) }),
    });
    const throwsInCreate = defineRule({
      meta: meta("throws-in-create", { found: "found" }),
      create: () => {
        throw new Error("no setup");
      },
    });
    const result = lintSpec("Name: x\n", { rules: [badData, undeclaredFix, outside, throwsInCreate] });
    expect(result.findings.map((finding) => [finding.rule, finding.message.match(/: (.*) \(please/)?.[1]])).toEqual([
      ["bad-data", 'message "found" needs data "what"'],
      ["outside", "report range [0, 999) is outside the spec text"],
      ["throws-in-create", "no setup"],
      ["undeclared-fix", 'the rule offers a fix but its meta.fix is "none"'],
    ]);
  });

  it("applies severity overrides and per-message default severities", () => {
    const twoLevels = defineRule({
      meta: meta("two-levels", { mild: "mild", grave: "grave" }, { messageSeverities: { grave: "error" } }),
      create: (context) => ({
        endOfFile() {
          context.report({ messageId: "mild", start: 0, end: 0 });
          context.report({ messageId: "grave", start: 0, end: 0 });
        },
      }),
    });
    const severities = (options: Record<string, "off" | "info" | "warning" | "error">) =>
      lintSpec("Vendor: v\n", { rules: [twoLevels, vendorRule], severities: options }).findings.map(
        (finding) => `${finding.rule}:${finding.message}:${finding.severity}`,
      );
    expect(severities({})).toEqual(["two-levels:grave:error", "two-levels:mild:warning", "vendor-found:found `Vendor:`:warning"]);
    expect(severities({ "two-levels": "info", "vendor-found": "off" })).toEqual(["two-levels:grave:info", "two-levels:mild:info"]);
  });

  it("rejects severity settings for unknown rules or with unknown values", () => {
    expect(() => lintSpec("", { rules: [vendorRule], severities: { "no-such-rule": "off" } })).toThrow(LintOptionsError);
    expect(() => lintSpec("", { rules: [vendorRule], severities: { "vendor-found": "loud" as "error" } })).toThrow(/invalid severity "loud"/);
  });

  it("reports parser diagnostics as spec-syntax-error, in dead code too, unless the rule is off", () => {
    const text = "Name: x\n%if 0\n%global\n%endif\n%else\n";
    const result = lintSpec(text, { rules: engineRules });
    expect(result.findings.map((finding) => [finding.rule, finding.line, finding.severity])).toEqual([
      ["spec-syntax-error", 3, "error"],
      ["spec-syntax-error", 5, "error"],
    ]);
    expect(result.findings[0]?.url).toBe(specSyntaxError.meta.guideline);
    expect(lintSpec(text, { rules: engineRules, severities: { "spec-syntax-error": "off" } }).findings).toEqual([]);
  });
});

describe("suppression", () => {
  const vendorTwin = tagRule("vendor-twin", "vendor");
  const rules = [vendorRule, vendorTwin, urlRule, ...engineRules];
  const lint = (text: string, severities = {}) =>
    lintSpec(text, { rules, severities }).findings.map((finding) => `${finding.line}:${finding.column} ${finding.rule}: ${finding.message}`);

  it("silences the named rules on the next non-comment line only", () => {
    expect(
      lint(
        [
          "# rpmspec-lint: disable=vendor-found,vendor-twin -- both",
          "# an ordinary comment in between",
          "Vendor: a",
          "Vendor: b",
          "# rpmspec-lint: disable=url-found",
          "URL: u",
          "",
        ].join("\n"),
      ),
    ).toEqual(["4:1 vendor-found: found `Vendor:`", "4:1 vendor-twin: found `Vendor:`"]);
  });

  it("silences a rule in the whole file", () => {
    expect(lint("Vendor: a\n# rpmspec-lint: disable-file=vendor-found,vendor-twin\nVendor: b\n")).toEqual([]);
  });

  it("reports directives that silence nothing, unknown rule names and unreadable directives", () => {
    expect(
      lint(
        [
          "# rpmspec-lint: disable-file=url-found",
          "# rpmspec-lint: disable=vendor-found",
          "Name: x",
          "# rpmspec-lint: disable=vendor-fund",
          "Vendor: v",
          "# rpmspec-lint: disabled=vendor-found",
          "# rpmspec-lint: disable=vendor-found",
        ].join("\n"),
      ),
    ).toEqual([
      "1:30 unused-disable-directive: `disable-file=url-found` silences nothing: the file has no url-found finding",
      "2:25 unused-disable-directive: `disable=vendor-found` silences nothing: line 3 has no vendor-found finding",
      "4:25 unused-disable-directive: `vendor-fund` in this directive is not an rpmspec-lint rule",
      "5:1 vendor-found: found `Vendor:`",
      "5:1 vendor-twin: found `Vendor:`",
      "6:3 unused-disable-directive: this rpmspec-lint directive cannot be read: unknown directive `disabled`; expected `disable=` or `disable-file=`",
      "7:25 unused-disable-directive: `disable=vendor-found` silences nothing: no line follows the directive",
    ]);
  });

  it("does not report directives for rules that are off, nor any when unused-disable-directive is off", () => {
    const text = "# rpmspec-lint: disable=vendor-found\nName: x\n";
    expect(lint(text, { "vendor-found": "off" })).toEqual([]);
    expect(lint(text, { "unused-disable-directive": "off" })).toEqual([]);
  });

  it("ignores directives in dead code", () => {
    expect(lint("%if 0\n# rpmspec-lint: disable=vendor-found\nName: x\n%endif\n")).toEqual([]);
  });

  it("lets a directive silence unused-disable-directive findings of the directives after it", () => {
    expect(
      lint("# rpmspec-lint: disable=unused-disable-directive -- kept for EPEL\n# rpmspec-lint: disable=vendor-found\nName: x\n"),
    ).toEqual([]);
    expect(lint("# rpmspec-lint: disable=unused-disable-directive\nName: x\n")).toEqual([
      "1:25 unused-disable-directive: `disable=unused-disable-directive` silences nothing: line 2 has no unused-disable-directive finding",
    ]);
  });

  it("silences spec-syntax-error findings too", () => {
    expect(lint("# rpmspec-lint: disable=spec-syntax-error -- generated file\n%endif\n")).toEqual([]);
  });
});

describe("fixSpec", () => {
  /** Removes a final period from `Summary:` values; a safe fix. */
  const periodRule = defineRule({
    meta: meta("period", { period: "period" }, { fix: "safe" }),
    create: (context) => ({
      tagLine(line) {
        if (line.name !== "summary" || !line.value.text.endsWith(".")) return;
        const at = line.value.end - 1;
        context.report({ messageId: "period", start: at, end: at + 1, fix: { title: "drop", edits: [{ start: at, end: at + 1, text: "" }] } });
      },
    }),
  });
  /** Adds a `URL:` line after `Name:` when there is none; the inserted line ends like the file's lines. */
  const addUrlRule = defineRule({
    meta: meta("add-url", { missing: "missing URL" }, { fix: "unsafe" }),
    create(context) {
      let name: LineNode | null = null;
      let hasUrl = false;
      return {
        tagLine(line) {
          if (line.name === "name") name = line;
          if (line.name === "url") hasUrl = true;
        },
        endOfFile() {
          if (name === null || hasUrl) return;
          context.report({
            messageId: "missing",
            start: name.start,
            end: name.start,
            fix: { title: "add URL", edits: [insertLineAfter(context.tree, name, "URL: https://example.org")] },
          });
        },
      };
    },
  });

  it("applies safe fixes, keeps BOM and CRLF, and reports what remains", () => {
    const text = "\uFEFFName: x\r\nSummary: A thing.\r\n";
    const result = fixSpec(text, { rules: [periodRule, addUrlRule] });
    expect(result.output).toBe("Name: x\r\nSummary: A thing\r\n");
    expect(result.source).toBe("Name: x\r\nSummary: A thing.\r\n");
    expect(result.encoding.bom).toBe(true);
    expect(result.passes).toBe(1);
    expect(result.applied.map((finding) => finding.rule)).toEqual(["period"]);
    expect(result.findings.map((finding) => finding.rule)).toEqual(["add-url"]);
  });

  it("applies unsafe fixes when asked, with the file's newline style", () => {
    const result = fixSpec("Name: x\r\nSummary: A thing.\r\n", { rules: [periodRule, addUrlRule], unsafe: true });
    expect(result.output).toBe("Name: x\r\nURL: https://example.org\r\nSummary: A thing\r\n");
    expect(result.findings).toEqual([]);
  });

  it("re-lints until stable so that overlapping fixes are applied in later passes", () => {
    const result = fixSpec("Summary: A thing...\n", { rules: [periodRule] });
    expect(result.output).toBe("Summary: A thing\n");
    expect(result.passes).toBe(3);
  });

  it("stops after the pass limit when fixes never converge", () => {
    const growing = defineRule({
      meta: meta("growing", { again: "again" }, { fix: "safe" }),
      create: (context) => ({
        endOfFile: () => context.report({ messageId: "again", start: 0, end: 0, fix: { title: "grow", edits: [{ start: 0, end: 0, text: "#" }] } }),
      }),
    });
    const result = fixSpec("Name: x\n", { rules: [growing] });
    expect(result.passes).toBe(MAX_FIX_PASSES);
    expect(result.output).toBe("#".repeat(MAX_FIX_PASSES) + "Name: x\n");
  });

  it("keeps invalid UTF-8 bytes through the passes", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("Summary: caf"), 0xe9, 0x2e, 0x0a]);
    const result = fixSpec(bytes, { rules: [periodRule] });
    expect(result.encoding.charset).toBe("latin1");
    expect(result.output).toBe("Summary: caf\u00e9\n");
  });
});
