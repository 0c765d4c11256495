/**
 * Runs every rule's fixtures: `specs-corpus/<rule>/bad/*.spec` must report exactly the findings
 * their `# expect:` comments name, `good/*.spec` must not report the rule, and
 * `bad/<name>.fixed.spec` is the expected result of the rule's safe fixes.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { fixSpec } from "../../src/engine/fix.js";
import { lintSpec, type LintOptions } from "../../src/engine/lint.js";
import {
  compareWithExpectations,
  fixturesOf,
  onlyRule,
  readFixtureComments,
  ruleFixtureFolders,
  repoRoot,
  ruleNamed,
  type TestOptions,
} from "./support.js";

function lintOptions(file: string, options: TestOptions): LintOptions {
  return {
    rules: allRules,
    filePath: options.file ?? file,
    target: options.target,
    with: options.with,
    without: options.without,
  };
}

function relative(file: string): string {
  return path.relative(repoRoot, file);
}

for (const folder of ruleFixtureFolders()) {
  describe(`fixtures of ${folder}`, () => {
    const rule = ruleNamed(folder);
    const fixtures = fixturesOf(folder);

    it("belong to a registered rule", () => {
      expect(rule, `specs-corpus/${folder}/ has no rule of that name in rules/index.ts`).toBeDefined();
    });
    if (rule === undefined) return;

    for (const file of fixtures.bad) {
      it(`${relative(file)} reports exactly what its # expect: comments say`, () => {
        const bytes = readFileSync(file);
        const comments = readFixtureComments(bytes);
        expect(comments.problems, "problems with the fixture's test comments").toEqual([]);
        expect(comments.expectations.length, "a bad fixture needs at least one # expect: comment").toBeGreaterThan(0);
        expect(
          comments.expectations.some((expectation) => expectation.rule === folder),
          `a bad fixture of ${folder} must expect at least one ${folder} finding`,
        ).toBe(true);
        const result = lintSpec(bytes, lintOptions(file, comments.options));
        const checked = new Set([folder, ...comments.expectations.map((expectation) => expectation.rule)]);
        expect(compareWithExpectations(result.findings, comments.expectations, checked)).toEqual({
          missing: [],
          unexpected: [],
        });
      });
    }

    for (const file of fixtures.good) {
      it(`${relative(file)} does not report ${folder}`, () => {
        const bytes = readFileSync(file);
        const comments = readFixtureComments(bytes);
        expect(comments.problems, "problems with the fixture's test comments").toEqual([]);
        expect(comments.expectations, "good fixtures carry no # expect: comments").toEqual([]);
        const result = lintSpec(bytes, lintOptions(file, comments.options));
        expect(result.findings.filter((finding) => finding.rule === folder).map((f) => `${f.line}:${f.column}: ${f.message}`)).toEqual([]);
      });
    }

    for (const [badFile, fixedFile] of fixtures.fixed) {
      it(`${relative(fixedFile)} is the result of ${folder}'s safe fixes and lints clean`, () => {
        expect(existsSync(badFile), `${relative(fixedFile)} has no ${path.basename(badFile)} beside it`).toBe(true);
        const bytes = readFileSync(badFile);
        const options = { ...lintOptions(badFile, readFixtureComments(bytes).options), severities: onlyRule(folder) };
        const fixed = fixSpec(bytes, options);
        const expected = readFileSync(fixedFile, "utf8");
        expect((fixed.encoding.bom ? "\uFEFF" : "") + fixed.output).toBe(expected);
        const relinted = lintSpec(readFileSync(fixedFile), { ...options, filePath: badFile });
        expect(relinted.findings.map((f) => `${f.line}:${f.column}: ${f.message}`)).toEqual([]);
      });
    }
  });
}
