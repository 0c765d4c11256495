import { readFileSync } from "node:fs";
import path from "node:path";
import { type CommandLineSettings, ConfigResolver, type ConfigSchema, type LintSettings } from "../config/index.js";
import { fixSpec, lintSpec } from "../engine/index.js";
import type { Finding, Rule, SeveritySetting } from "../engine/types.js";
import { type FileReport, type FormatName, type FormatterContext, formatters, machineFormats } from "../formatters/index.js";
import { formatStatisticsJson, formatStatisticsText } from "../formatters/statistics.js";
import { unifiedDiff } from "../formatters/unified-diff.js";
import { encodeSpecText } from "../text/decode.js";
import { UsageError } from "./errors.js";
import { discoverInputs, type Input } from "./files.js";
import { Progress, PROGRESS_MIN_FILES } from "./progress.js";
import { type CliStreams, readAll, writeOutput } from "./streams.js";
import { replaceFileAtomically, writeOutputFile } from "./write-file.js";

export interface LintCommandOptions {
  stdin?: boolean;
  stdinFilename?: string;
  format?: FormatName;
  outputFile?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  diff?: boolean;
  unsafeFixes?: boolean;
  maxWarnings?: number;
  quiet?: boolean;
  exitZero?: boolean;
  statistics?: boolean;
  config?: string;
  configLookup: boolean;
}

export interface LintRun {
  streams: CliStreams;
  cwd: string;
  rules: readonly Rule[];
  schema: ConfigSchema;
  commandLine: CommandLineSettings;
  formatterContext: FormatterContext;
}

type FixMode = "none" | "write" | "dry-run" | "diff";

/** What linting one input produced. */
interface InputOutcome {
  report: FileReport;
  /** The unified diff of the fixes (`--diff`). */
  diff?: string;
}

const STDIN_NAME = "<stdin>";

function fixModeOf(options: LintCommandOptions): FixMode {
  if (options.fix) return "write";
  if (options.fixDryRun) return "dry-run";
  if (options.diff) return "diff";
  return "none";
}

/** Parses `--rule NAME=SEVERITY` values. */
export function parseRuleOptions(values: readonly string[], ruleNames: ReadonlySet<string>): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const match = /^([^=\s]+)=(off|info|warning|error)$/.exec(value.trim());
    if (match === null) throw new UsageError(`--rule ${value}: expected NAME=off|info|warning|error`);
    const [, name, severity] = match as unknown as [string, string, SeveritySetting];
    if (!ruleNames.has(name)) throw new UsageError(`--rule ${value}: unknown rule "${name}" (see --list-rules)`);
    rules[name] = severity;
  }
  return rules;
}

class Linter {
  private readonly resolver: ConfigResolver;
  private readonly mode: FixMode;
  /** Problems with single inputs (unreadable files): reported, and the exit status becomes 2. */
  readonly inputErrors: string[] = [];

  constructor(
    private readonly run: LintRun,
    private readonly options: LintCommandOptions,
  ) {
    this.mode = fixModeOf(options);
    this.resolver = new ConfigResolver({
      schema: run.schema,
      lookup: options.configLookup,
      commandLine: run.commandLine,
      ...(options.config === undefined ? {} : { configFile: path.resolve(run.cwd, options.config) }),
    });
  }

  private settingsFor(input: Input): LintSettings {
    if (input.kind === "file") return this.resolver.settingsFor(input.absolutePath);
    return this.resolver.settingsFor(path.resolve(this.run.cwd, this.options.stdinFilename ?? STDIN_NAME));
  }

  async lint(input: Input): Promise<InputOutcome | null> {
    const displayPath = input.kind === "file" ? input.displayPath : (this.options.stdinFilename ?? STDIN_NAME);
    const settings = this.settingsFor(input);
    let bytes: Buffer;
    try {
      // Read synchronously: specs are linted one after the other, and an asynchronous read per
      // file left the process idle for a fifth of a corpus run, waiting for the thread pool.
      bytes = input.kind === "file" ? readFileSync(input.absolutePath) : await readAll(this.run.streams.stdin);
    } catch (error) {
      this.inputErrors.push(`cannot read ${displayPath} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return null;
    }
    const lintOptions = {
      rules: this.run.rules,
      filePath: input.kind === "file" || this.options.stdinFilename !== undefined ? displayPath : null,
      target: settings.target,
      with: settings.with,
      without: settings.without,
      severities: settings.severities,
    };
    if (this.mode === "none") {
      const result = lintSpec(bytes, lintOptions);
      return { report: reportOf(displayPath, result.source, result.findings) };
    }
    const fixed = fixSpec(bytes, { ...lintOptions, unsafe: this.options.unsafeFixes ?? false });
    const changed = fixed.output !== fixed.source;
    const report = reportOf(displayPath, fixed.output, fixed.findings);
    if (this.mode === "dry-run") {
      if (changed) report.output = fixed.output;
    } else if (this.mode === "diff") {
      return { report, diff: unifiedDiff(fixed.source, fixed.output, displayPath) };
    } else if (input.kind === "stdin") {
      // As with ruff, fixing standard input prints the fixed spec; the report goes to stderr.
      await writeOutput(this.run.streams.stdout, encodeSpecText(fixed.output, fixed.encoding));
    } else if (changed) {
      try {
        await replaceFileAtomically(input.absolutePath, encodeSpecText(fixed.output, fixed.encoding));
      } catch (error) {
        this.inputErrors.push(`cannot write ${displayPath} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    }
    return { report };
  }
}

function reportOf(filePath: string, source: string, findings: Finding[]): FileReport {
  return findings.length === 0 ? { filePath, findings } : { filePath, source, findings };
}

function countSeverity(reports: readonly FileReport[], severity: Finding["severity"]): number {
  return reports.reduce((sum, report) => sum + report.findings.filter((finding) => finding.severity === severity).length, 0);
}

function formatReports(reports: readonly FileReport[], format: FormatName, run: LintRun, options: LintCommandOptions): string {
  if (!options.statistics) return formatters[format](reports, run.formatterContext);
  if (format === "json") return formatStatisticsJson(reports, run.formatterContext);
  return formatStatisticsText(reports, run.formatterContext);
}

async function writeReport(text: string, run: LintRun, options: LintCommandOptions, toStderr: boolean): Promise<void> {
  if (options.outputFile !== undefined) {
    await writeOutputFile(run.cwd, options.outputFile, text);
    return;
  }
  await writeOutput(toStderr ? run.streams.stderr : run.streams.stdout, text);
}

function checkOptionCombinations(options: LintCommandOptions, inputs: readonly Input[]): void {
  const format = options.format ?? "stylish";
  if (options.statistics && !["stylish", "gnu", "json"].includes(format)) {
    throw new UsageError(`--statistics prints stylish, gnu or json, not ${format}`);
  }
  if (options.stdinFilename !== undefined && !inputs.some((input) => input.kind === "stdin")) {
    throw new UsageError("--stdin-filename names standard input: give --stdin or -");
  }
}

/** Lints (and fixes) the given paths; returns the exit status. */
export async function runLint(paths: readonly string[], options: LintCommandOptions, run: LintRun): Promise<number> {
  const { streams } = run;
  const format = options.format ?? "stylish";
  const discovery = await discoverInputs(options.stdin ? [...paths, "-"] : paths, run.cwd);
  checkOptionCombinations(options, discovery.inputs);
  for (const directory of discovery.emptyDirectories) {
    streams.stderr.write(`rpmspec-lint: no .spec files in ${directory}\n`);
  }

  const linter = new Linter(run, options);
  const showProgress =
    streams.stderr.isTTY === true && !machineFormats.has(format) && discovery.inputs.length >= PROGRESS_MIN_FILES;
  const progress = showProgress ? new Progress(streams.stderr, discovery.inputs.length) : null;
  const outcomes: InputOutcome[] = [];
  for (const [index, input] of discovery.inputs.entries()) {
    progress?.update(index + 1, input.kind === "file" ? input.displayPath : STDIN_NAME);
    const outcome = await linter.lint(input);
    if (outcome !== null) outcomes.push(outcome);
  }
  progress?.finish();

  let reports = outcomes.map((outcome) => outcome.report);
  if (options.quiet) {
    reports = reports.map((report) => ({ ...report, findings: report.findings.filter((finding) => finding.severity === "error") }));
  }

  let status: number;
  if (options.diff) {
    const diffs = outcomes.map((outcome) => outcome.diff ?? "").join("");
    await writeReport(diffs, run, options, false);
    status = diffs === "" ? 0 : 1;
  } else {
    const fixedStdin = options.fix === true && discovery.inputs.some((input) => input.kind === "stdin");
    await writeReport(formatReports(reports, format, run, options), run, options, fixedStdin);
    const warnings = countSeverity(reports, "warning");
    const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    if (tooManyWarnings) {
      streams.stderr.write(`rpmspec-lint: too many warnings (${warnings}, maximum ${options.maxWarnings})\n`);
    }
    status = countSeverity(reports, "error") > 0 || tooManyWarnings ? 1 : 0;
  }
  for (const message of linter.inputErrors) streams.stderr.write(`rpmspec-lint: error: ${message}\n`);
  if (linter.inputErrors.length > 0) return 2;
  return options.exitZero ? 0 : status;
}
