import { describe, expect, it } from "vitest";
import { defineEngineRule, defineRule, ruleDocsUrl, RULE_DOCS_BASE_URL } from "../../src/engine/define-rule.js";
import type { RuleMeta } from "../../src/engine/types.js";

function metaNamed<MessageId extends string>(name: string, messages: Record<MessageId, string>): RuleMeta<MessageId> {
  return {
    name,
    severity: "warning",
    type: "suggestion",
    guideline: "https://docs.fedoraproject.org/en-US/packaging-guidelines/#_tags_and_sections",
    description: "An example rule.",
    messages,
    fix: "none",
  };
}

describe("defineRule", () => {
  it("derives the docs URL from the rule name", () => {
    const rule = defineRule({ meta: metaNamed("some-rule", { found: "found" }), create: () => ({}) });
    expect(rule.docsUrl).toBe(`${RULE_DOCS_BASE_URL}some-rule.md`);
    expect(ruleDocsUrl("some-rule")).toBe(rule.docsUrl);
  });

  it("checks message ids against meta.messages at compile time", () => {
    const reported: string[] = [];
    const rule = defineRule({
      meta: {
        ...metaNamed("typed-rule", { first: "first", second: "second {{x}}" }),
        messageSeverities: { second: "error" },
      },
      create(context) {
        return {
          endOfFile() {
            context.report({ messageId: "first", start: 0, end: 0 });
            // @ts-expect-error: "third" is not a message of this rule
            context.report({ messageId: "third", start: 0, end: 0 });
          },
        };
      },
    });
    const visitor = rule.create?.({
      tree: null as never,
      evaluation: null as never,
      filePath: null,
      report: (report) => reported.push(report.messageId),
    });
    visitor?.endOfFile?.();
    expect(reported).toEqual(["first", "third"]);
  });

  it("rejects messageSeverities for ids that are not messages at compile time", () => {
    const rule = defineRule({
      meta: {
        ...metaNamed("other-rule", { only: "only" }),
        // @ts-expect-error: "missing" is not a message of this rule
        messageSeverities: { missing: "error" },
      },
      create: () => ({}),
    });
    expect(Object.keys(rule.meta.messages)).toEqual(["only"]);
  });

  it("defines engine rules without a visitor", () => {
    const rule = defineEngineRule({ meta: metaNamed("engine-rule", { problem: "{{message}}" }) });
    expect(rule.create).toBeNull();
    expect(rule.docsUrl).toBe(ruleDocsUrl("engine-rule"));
  });
});
