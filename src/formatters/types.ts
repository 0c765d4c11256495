import type { ChalkInstance } from "chalk";
import type { Finding, RuleMeta } from "../engine/types.js";

/** What is reported for one linted spec. */
export interface FileReport {
  /** The path as the user gave it (or `--stdin-filename`, or `<stdin>`). */
  filePath: string;
  /**
   * The spec text that the findings' offsets and lines refer to. Left out when there are no
   * findings, as ESLint leaves it out of its results: a run over thousands of specs would
   * otherwise hold every text until the report is written.
   */
  source?: string;
  findings: Finding[];
  /** The fixed text, reported by `--fix-dry-run` when fixes would change the file. */
  output?: string;
}

/** The description of a rule that formatters need (a `Rule` fits). */
export interface RuleDescription {
  meta: RuleMeta;
  docsUrl: string;
}

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export interface FormatterContext {
  /** Relative paths in machine formats (SARIF, GitLab) are relative to this directory. */
  cwd: string;
  /** Every rule the linter knows, in a stable order. */
  rules: readonly RuleDescription[];
  tool: ToolInfo;
  /** Colours for the human formats; a level-0 instance writes plain text. */
  chalk: ChalkInstance;
  /** `--unsafe-fixes` was given: unsafe fixes count as fixable. */
  unsafeFixes: boolean;
}

/** A pure function from the reports to the whole output text. */
export type Formatter = (reports: readonly FileReport[], context: FormatterContext) => string;
