import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LintSettings } from "../config/index.js";
import type { Rule } from "../engine/types.js";
import { UsageError } from "./errors.js";

/** `--list-rules`: a table, or with `--format json` one object per rule. */
export function listRules(rules: readonly Rule[], asJson: boolean): string {
  const sorted = [...rules].sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1));
  if (asJson) {
    const entries = sorted.map(({ meta, docsUrl }) => ({
      name: meta.name,
      severity: meta.severity,
      type: meta.type,
      fix: meta.fix,
      description: meta.description,
      guideline: meta.guideline,
      docsUrl,
    }));
    return JSON.stringify(entries, null, 2) + "\n";
  }
  const header = { name: "RULE", severity: "SEVERITY", fix: "FIX", description: "DESCRIPTION" };
  const rows = [header, ...sorted.map(({ meta }) => ({ ...meta, fix: meta.fix === "none" ? "" : meta.fix }))];
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const severityWidth = Math.max(...rows.map((row) => row.severity.length));
  const fixWidth = Math.max(...rows.map((row) => row.fix.length));
  return rows
    .map((row) =>
      `${row.name.padEnd(nameWidth)}  ${row.severity.padEnd(severityWidth)}  ${row.fix.padEnd(fixWidth)}  ${row.description}`.trimEnd() + "\n",
    )
    .join("");
}

function findRule(rules: readonly Rule[], name: string): Rule {
  const rule = rules.find((candidate) => candidate.meta.name === name);
  if (rule === undefined) throw new UsageError(`unknown rule "${name}" (see --list-rules)`);
  return rule;
}

/** `--explain RULE`: the rule's documentation page, shipped in the package's docs/rules/. */
export async function explainRule(rules: readonly Rule[], name: string, packageRoot: string): Promise<string> {
  const rule = findRule(rules, name);
  const page = path.join(packageRoot, "docs", "rules", `${rule.meta.name}.md`);
  try {
    return await readFile(page, "utf8");
  } catch {
    throw new UsageError(`no documentation page for ${rule.meta.name} (${page}); see ${rule.docsUrl}`);
  }
}

/** `--print-config FILE`: the settings that apply to FILE, every rule with its severity. */
export function printConfig(settings: LintSettings, rules: readonly Rule[], defaultTarget: string): string {
  const severities = Object.fromEntries(
    [...rules]
      .sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1))
      .map((rule) => [rule.meta.name, settings.severities[rule.meta.name] ?? rule.meta.severity]),
  );
  const printed = {
    configFile: settings.configFile,
    target: settings.target ?? defaultTarget,
    with: settings.with,
    without: settings.without,
    rules: severities,
  };
  return JSON.stringify(printed, null, 2) + "\n";
}
