import type { SeveritySetting } from "../engine/types.js";

export const CONFIG_FILE_NAME = ".rpmspec-lint.toml";

/** What the configuration layer must know to validate a file. */
export interface ConfigSchema {
  /** Every rule name a `[rules]` table may mention. */
  ruleNames: ReadonlySet<string>;
  /** Why a target id is not valid, or null when it is. */
  checkTarget(target: string): string | null;
}

export interface ConfigOverride {
  /** Globs relative to the configuration file's directory; a glob without `/` matches file names. */
  files: string[];
  rules: Record<string, SeveritySetting>;
}

/** A parsed and validated `.rpmspec-lint.toml`. */
export interface ConfigFile {
  path: string;
  target?: string;
  with: string[];
  without: string[];
  rules: Record<string, SeveritySetting>;
  overrides: ConfigOverride[];
}

/** Settings given on the command line; they win over every configuration file. */
export interface CommandLineSettings {
  target?: string;
  with: string[];
  without: string[];
  rules: Record<string, SeveritySetting>;
}

/** The settings that apply to one spec file. */
export interface LintSettings {
  /** The configuration file that applied, or null. */
  configFile: string | null;
  /** Undefined means the evaluation model's default target. */
  target: string | undefined;
  with: string[];
  without: string[];
  /** Severity overrides by rule name; rules not named keep their default severity. */
  severities: Record<string, SeveritySetting>;
}
