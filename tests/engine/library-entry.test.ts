import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allRules, fixSpec, lintSpec } from "../../src/index.js";

const engineDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/engine");

describe("library entry", () => {
  it("lints with every rule unless told otherwise", () => {
    const text = "Name: x\nVendor: Example\nSummary: A thing.\n";
    expect(new Set(lintSpec(text).findings.map((finding) => finding.rule))).toContain("forbidden-tag");
    const onlySummary = allRules.filter((rule) => rule.meta.name === "summary-ends-with-period");
    expect(lintSpec(text, { rules: onlySummary }).findings.map((finding) => finding.rule)).toEqual(["summary-ends-with-period"]);
  });

  it("fixes with every rule", () => {
    expect(fixSpec("Name: x\nSummary: A thing.\n").output).toBe("Name: x\nSummary: A thing\n");
  });
});

describe("layering", () => {
  it("keeps rules/ out of the engine: the library entry passes the rules in", () => {
    const importsOfRules = readdirSync(engineDirectory)
      .filter((file) => file.endsWith(".ts"))
      .filter((file) => /from "(\.\.\/)+rules\//.test(readFileSync(path.join(engineDirectory, file), "utf8")));
    expect(importsOfRules).toEqual([]);
  });
});
