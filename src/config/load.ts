import { readFileSync } from "node:fs";
import { parse, TomlError } from "smol-toml";
import type { SeveritySetting } from "../engine/types.js";
import { ConfigError } from "./errors.js";
import type { ConfigFile, ConfigOverride, ConfigSchema } from "./types.js";

const severitySettings: readonly SeveritySetting[] = ["off", "info", "warning", "error"];

/** bcond names as rpm accepts them in `%bcond` and `--with`. */
const BCOND_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === "string" && (severitySettings as readonly string[]).includes(value);
}

/** Validates values while naming the file and the key of each problem. */
class Validator {
  constructor(
    private readonly file: string,
    private readonly schema: ConfigSchema,
  ) {}

  fail(key: string, problem: string): never {
    throw new ConfigError(`${this.file}: ${key}: ${problem}`);
  }

  table(value: unknown, key: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
      this.fail(key, "expected a table");
    }
    return value as Record<string, unknown>;
  }

  onlyKeys(table: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
    for (const key of Object.keys(table)) {
      if (!allowed.includes(key)) {
        this.fail(prefix + key, `unknown key (expected one of: ${allowed.join(", ")})`);
      }
    }
  }

  stringList(value: unknown, key: string): string[] {
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      this.fail(key, "expected an array of strings");
    }
    return value as string[];
  }

  bconds(value: unknown, key: string): string[] {
    const names = this.stringList(value, key);
    for (const name of names) {
      if (!BCOND_NAME.test(name)) this.fail(key, `"${name}" is not a bcond name`);
    }
    return names;
  }

  target(value: unknown, key: string): string {
    if (typeof value !== "string") this.fail(key, "expected a string");
    const problem = this.schema.checkTarget(value);
    if (problem !== null) this.fail(key, problem);
    return value;
  }

  rules(value: unknown, key: string): Record<string, SeveritySetting> {
    const table = this.table(value, key);
    const rules: Record<string, SeveritySetting> = {};
    for (const [name, severity] of Object.entries(table)) {
      if (!this.schema.ruleNames.has(name)) this.fail(`${key}.${name}`, "unknown rule");
      if (!isSeveritySetting(severity)) {
        this.fail(`${key}.${name}`, `invalid severity ${JSON.stringify(severity)} (expected off, info, warning or error)`);
      }
      rules[name] = severity;
    }
    return rules;
  }

  overrides(value: unknown, key: string): ConfigOverride[] {
    if (!Array.isArray(value)) this.fail(key, "expected an array of tables ([[overrides]])");
    return value.map((item: unknown, index) => {
      const itemKey = `${key}[${index}]`;
      const table = this.table(item, itemKey);
      this.onlyKeys(table, ["files", "rules"], `${itemKey}.`);
      if (table["files"] === undefined) this.fail(`${itemKey}.files`, "missing (the globs the override applies to)");
      const files = this.stringList(table["files"], `${itemKey}.files`);
      if (files.length === 0) this.fail(`${itemKey}.files`, "expected at least one glob");
      const rules = table["rules"] === undefined ? {} : this.rules(table["rules"], `${itemKey}.rules`);
      return { files, rules };
    });
  }
}

/** Parses and validates the text of a configuration file; `file` names it in errors. */
export function parseConfig(text: string, file: string, schema: ConfigSchema): ConfigFile {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? "";
      throw new ConfigError(`${file}:${error.line}:${error.column}: invalid TOML: ${reason}`);
    }
    throw error;
  }
  const validator = new Validator(file, schema);
  validator.onlyKeys(document, ["target", "with", "without", "rules", "overrides"], "");
  const config: ConfigFile = {
    path: file,
    with: document["with"] === undefined ? [] : validator.bconds(document["with"], "with"),
    without: document["without"] === undefined ? [] : validator.bconds(document["without"], "without"),
    rules: document["rules"] === undefined ? {} : validator.rules(document["rules"], "rules"),
    overrides: document["overrides"] === undefined ? [] : validator.overrides(document["overrides"], "overrides"),
  };
  if (document["target"] !== undefined) config.target = validator.target(document["target"], "target");
  const both = config.with.find((name) => config.without.includes(name));
  if (both !== undefined) validator.fail("with", `"${both}" is also listed in without`);
  return config;
}

export function readConfigFile(file: string, schema: ConfigSchema): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`${file}: cannot read configuration file (${code})`);
  }
  return parseConfig(text, file, schema);
}
