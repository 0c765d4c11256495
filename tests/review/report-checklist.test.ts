/**
 * The checklist table against the rule catalog (../shared/rules.md), the registered rules and
 * the review checks: every name it uses exists, and every rule's findings land in some item.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import type { Severity } from "../../src/engine/types.js";
import { CHECKLIST_ITEMS } from "../../src/review/report/checklist-items.js";
import { REVIEW_CHECK_IDS } from "../../src/review/report/checks.js";

const CATALOG_PATH = fileURLToPath(new URL("../../../shared/rules.md", import.meta.url));
const DOCS_PATH = fileURLToPath(new URL("../../docs/review.md", import.meta.url));

/**
 * Catalog rules no item names, with the reason. `spec-name-mismatch` looks at the path of a
 * linted file; in a review the file name comes from a path, a URL or the source RPM, and the
 * `spec-file-name` check decides the item instead.
 */
const DECIDED_BY_CHECKS: ReadonlySet<string> = new Set(["spec-name-mismatch"]);

/** Rule names in the catalog's three notations: `### name —`, `` - `name` (``, `| name |`. */
function catalogRuleNames(): Set<string> {
  const names = new Set<string>();
  const name = "([a-z0-9]+(?:-[a-z0-9]+)+)";
  for (const line of readFileSync(CATALOG_PATH, "utf8").split("\n")) {
    const match =
      new RegExp(`^### ${name} — `).exec(line) ?? new RegExp(`^- \`${name}\` \\(`).exec(line) ?? new RegExp(`^\\| ${name} \\| `).exec(line);
    if (match !== null) names.add(match[1] as string);
  }
  return names;
}

const catalog = catalogRuleNames();
const referencedRules = new Set(CHECKLIST_ITEMS.flatMap((item) => item.rules.map((reference) => reference.rule)));

describe("the checklist table", () => {
  it("reads the catalog", () => {
    expect(catalog.size).toBeGreaterThan(50);
    expect(catalog).toContain("missing-python3-devel");
    expect(catalog).toContain("license-not-spdx");
  });

  it("has unique item ids", () => {
    const ids = CHECKLIST_ITEMS.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("names only rules of the catalog", () => {
    expect([...referencedRules].filter((rule) => !catalog.has(rule))).toEqual([]);
  });

  it("gives every catalog rule an item", () => {
    const unplaced = [...catalog].filter((rule) => !referencedRules.has(rule) && !DECIDED_BY_CHECKS.has(rule));
    expect(unplaced).toEqual([]);
    expect([...DECIDED_BY_CHECKS].filter((rule) => referencedRules.has(rule) || !catalog.has(rule))).toEqual([]);
  });

  it("places every severity a registered rule reports", () => {
    const gaps: string[] = [];
    for (const rule of allRules) {
      if (DECIDED_BY_CHECKS.has(rule.meta.name)) continue;
      const perMessage = Object.values(rule.meta.messageSeverities ?? {}).filter((severity): severity is Severity => severity !== undefined);
      const severities = new Set<Severity>([rule.meta.severity, ...perMessage]);
      const references = CHECKLIST_ITEMS.flatMap((item) => item.rules).filter((reference) => reference.rule === rule.meta.name);
      for (const severity of severities) {
        if (!references.some((reference) => reference.severity === undefined || reference.severity === severity)) {
          gaps.push(`${rule.meta.name} (${severity})`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it("names only review checks that exist, and uses each of them", () => {
    const used = new Set(CHECKLIST_ITEMS.flatMap((item) => item.checks));
    expect([...used].filter((id) => !REVIEW_CHECK_IDS.includes(id))).toEqual([]);
    expect(REVIEW_CHECK_IDS.filter((id) => !used.has(id))).toEqual([]);
  });

  it("says what a human has to look at where no rule or check decides an item", () => {
    const undecided = CHECKLIST_ITEMS.filter((item) => item.rules.length === 0 && item.checks.length === 0 && item.human === undefined);
    expect(undecided.map((item) => item.id)).toEqual([]);
  });

  it("links every item to a Fedora guideline or the rpm manual", () => {
    for (const item of CHECKLIST_ITEMS) {
      expect(item.url).toMatch(/^https:\/\/(docs\.fedoraproject\.org\/en-US\/|rpm-software-management\.github\.io\/rpm\/)/);
    }
  });

  it("is documented item by item in docs/review.md", () => {
    const docs = readFileSync(DOCS_PATH, "utf8");
    expect(CHECKLIST_ITEMS.filter((item) => !docs.includes(`| \`${item.id}\` |`)).map((item) => item.id)).toEqual([]);
  });

  it("has MUST and SHOULD items in both groups", () => {
    for (const level of ["MUST", "SHOULD"]) {
      for (const group of ["Generic", "Python"]) {
        expect(CHECKLIST_ITEMS.some((item) => item.level === level && item.group === group)).toBe(true);
      }
    }
  });
});
