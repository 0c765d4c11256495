/**
 * Every rule page `docs/rules/<name>.md` has the fixed sections, and its examples are true:
 * each `spec incorrect` block reports the rule, each `spec correct` block does not.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { lintSpec } from "../../src/engine/lint.js";
import { DOC_SECTIONS, docsRoot, readRuleDoc } from "./support.js";

for (const rule of allRules) {
  const name = rule.meta.name;
  const page = path.join(docsRoot, `${name}.md`);
  describe(`docs/rules/${name}.md`, () => {
    it("exists", () => {
      expect(existsSync(page), `docs/rules/${name}.md is missing`).toBe(true);
    });
    if (!existsSync(page)) return;
    const doc = readRuleDoc(readFileSync(page, "utf8"));

    it("has the title and the fixed sections in order", () => {
      expect(doc.problems).toEqual([]);
      expect(doc.title).toBe(name);
      expect(doc.sections).toEqual([...DOC_SECTIONS]);
    });

    it("has incorrect and correct examples", () => {
      expect(doc.examples.filter((example) => example.kind === "incorrect").length).toBeGreaterThan(0);
      expect(doc.examples.filter((example) => example.kind === "correct").length).toBeGreaterThan(0);
    });

    for (const example of doc.examples) {
      it(`the ${example.kind} example at line ${example.line} ${example.kind === "incorrect" ? "reports" : "does not report"} ${name}`, () => {
        const result = lintSpec(example.code, {
          rules: allRules,
          filePath: example.options.file ?? null,
          target: example.options.target,
          with: example.options.with,
          without: example.options.without,
        });
        const reported = result.findings.filter((finding) => finding.rule === name);
        if (example.kind === "incorrect") expect(reported.length, `no ${name} finding in:\n${example.code}`).toBeGreaterThan(0);
        else expect(reported.map((f) => `${f.line}:${f.column}: ${f.message}`)).toEqual([]);
      });
    }
  });
}
