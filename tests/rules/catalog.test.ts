/**
 * The meta-test: the rule catalog (../shared/rules.md), the rule files, rules/index.ts, the docs
 * pages, the fixtures and the generated docs/rules/README.md must agree. Each catalog rule gets
 * one test that lists everything still missing for it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import type { Rule, Severity } from "../../src/engine/types.js";
import { renderRulesReadme } from "../../scripts/rules-readme.js";
import { docsRoot, fixturesOf, repoRoot, ruleNamed, rulesRoot } from "./support.js";

const catalogPath = path.resolve(repoRoot, "../shared/rules.md");

interface CatalogEntry {
  name: string;
  /** The severities the catalog gives, the default first (`warning (…) / error (…)`). */
  severities: Severity[];
}

const SEVERITY_WORDS = /\b(error|warning|info)\b/g;
const SEVERITY_WHEN = /\b(error|warning|info) when\b/g;

/**
 * Rule names and severities from the catalog's three notations:
 *   ### name — severity — §Section          (core rules)
 *   - `name` (severity…): …                 (core rule families)
 *   | name | severity | … |                  (tables)
 */
function parseCatalog(markdown: string): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  let lastBullet: CatalogEntry | null = null;
  for (const line of markdown.split("\n")) {
    const heading = /^### ([a-z0-9]+(?:-[a-z0-9]+)+) — (.+?) — /.exec(line);
    const bullet = /^- `([a-z0-9]+(?:-[a-z0-9]+)+)` \(([^)]*)\)/.exec(line);
    const row = /^\| ([a-z0-9]+(?:-[a-z0-9]+)+) \| ([^|]+) \|/.exec(line);
    const match = heading ?? bullet ?? row;
    if (match === null) {
      // A bullet's text may give one case another severity: "… error when invoked as …".
      if (lastBullet !== null && line.startsWith("  ")) {
        for (const word of line.matchAll(SEVERITY_WHEN)) {
          if (!lastBullet.severities.includes(word[1] as Severity)) lastBullet.severities.push(word[1] as Severity);
        }
      } else {
        lastBullet = null;
      }
      continue;
    }
    const severities = [...(match[2] ?? "").matchAll(SEVERITY_WORDS)].map((word) => word[1] as Severity);
    const entry = { name: match[1] as string, severities };
    if (severities.length > 0) entries.push(entry);
    lastBullet = bullet !== null ? entry : null;
  }
  return entries;
}

function ruleFiles(): string[] {
  return readdirSync(rulesRoot)
    .filter((file) => file.endsWith(".ts") && file !== "index.ts")
    .map((file) => file.slice(0, -".ts".length))
    .sort();
}

function declaredSeverities(rule: Rule): Set<Severity> {
  const perMessage = Object.values(rule.meta.messageSeverities ?? {}).filter((severity) => severity !== undefined);
  return new Set([rule.meta.severity, ...perMessage]);
}

/** What a catalog rule still lacks; empty when it is complete. */
async function missingFor(entry: CatalogEntry): Promise<string[]> {
  const missing: string[] = [];
  const { name } = entry;
  const file = path.join(rulesRoot, `${name}.ts`);
  const rule = ruleNamed(name);
  if (!existsSync(file)) missing.push(`rules/${name}.ts`);
  if (rule === undefined) {
    missing.push(`registration in rules/index.ts`);
  } else {
    const [defaultSeverity] = entry.severities;
    if (rule.meta.severity !== defaultSeverity) {
      missing.push(`default severity ${defaultSeverity} (meta.severity is ${rule.meta.severity})`);
    }
    const expected = new Set(entry.severities);
    const declared = declaredSeverities(rule);
    if ([...expected].some((severity) => !declared.has(severity)) || [...declared].some((severity) => !expected.has(severity))) {
      missing.push(`severities ${[...expected].join("/")} (meta.severity plus meta.messageSeverities give ${[...declared].join("/")})`);
    }
    if (existsSync(file)) {
      const module = (await import(pathToFileURL(file).href)) as { default?: Rule };
      if (module.default !== rule) missing.push(`rules/${name}.ts's default export being the registered rule`);
    }
  }
  if (!existsSync(path.join(docsRoot, `${name}.md`))) missing.push(`docs/rules/${name}.md`);
  const fixtures = fixturesOf(name);
  if (fixtures.bad.length === 0) missing.push(`specs-corpus/${name}/bad/*.spec`);
  if (fixtures.good.length === 0) missing.push(`specs-corpus/${name}/good/*.spec`);
  if (rule !== undefined && rule.meta.fix !== "none" && fixtures.fixed.size === 0) {
    missing.push(`specs-corpus/${name}/bad/*.fixed.spec (the rule offers ${rule.meta.fix} fixes)`);
  }
  return missing;
}

const catalogExists = existsSync(catalogPath);

describe.skipIf(!catalogExists)(`rule catalog ${catalogExists ? "" : "(skipped: ../shared/rules.md not found)"}`, () => {
  const catalog = catalogExists ? parseCatalog(readFileSync(catalogPath, "utf8")) : [];
  const catalogNames = new Set(catalog.map((entry) => entry.name));

  it("is read: it names rules and no rule twice", () => {
    expect(catalog.length).toBeGreaterThan(50);
    expect(catalog.map((entry) => entry.name).filter((name, index, names) => names.indexOf(name) !== index)).toEqual([]);
  });

  for (const entry of catalog) {
    it(`${entry.name} (${entry.severities.join("/")}) has a rule file, registration, docs page and fixtures`, async () => {
      const missing = await missingFor(entry);
      expect(missing, `${entry.name} is missing: ${missing.join("; ")}`).toEqual([]);
    });
  }

  it("has every rule file and every registered rule", () => {
    const strays = [...new Set([...ruleFiles(), ...allRules.map((rule) => rule.meta.name)])].filter((name) => !catalogNames.has(name));
    expect(strays, "rules that are not in the catalog").toEqual([]);
  });

  it("has every docs page and fixture folder", () => {
    const pages = readdirSync(docsRoot)
      .filter((file) => file.endsWith(".md") && file !== "README.md")
      .map((file) => file.slice(0, -".md".length));
    expect(pages.filter((name) => !catalogNames.has(name)), "docs pages of rules that are not in the catalog").toEqual([]);
  });
});

describe("rules/index.ts", () => {
  it("registers every rule file exactly once, under the file's name", async () => {
    const names = allRules.map((rule) => rule.meta.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index), "registered twice").toEqual([]);
    expect([...names].sort()).toEqual(ruleFiles());
    for (const name of ruleFiles()) {
      const module = (await import(pathToFileURL(path.join(rulesRoot, `${name}.ts`)).href)) as { default?: Rule };
      expect(module.default?.meta.name, `rules/${name}.ts must export its rule as default`).toBe(name);
    }
  });

  it("holds complete metadata for every rule", () => {
    for (const { meta } of allRules) {
      expect(meta.name, "rule names are kebab-case").toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)+$/);
      expect(meta.guideline, `${meta.name}: meta.guideline is a URL with a section anchor`).toMatch(/^https:\/\/[^#\s]+#\S+$/);
      expect(meta.description, `${meta.name}: meta.description is one line`).toMatch(/^[^\n]+$/);
      expect(Object.keys(meta.messages).length, `${meta.name}: meta.messages is empty`).toBeGreaterThan(0);
    }
  });
});

describe("docs/rules/README.md", () => {
  it("is what scripts/generate-rules-readme.mjs generates", () => {
    const readme = path.join(docsRoot, "README.md");
    const current = existsSync(readme) ? readFileSync(readme, "utf8") : "";
    expect(current, "run: node scripts/generate-rules-readme.mjs").toBe(renderRulesReadme(allRules));
  });
});
