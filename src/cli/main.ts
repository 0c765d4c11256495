/**
 * The command line: option parsing, file discovery, I/O and exit statuses. What a finding is,
 * how configuration combines and how output looks live in the library (engine, config,
 * formatters); this module only wires them to argv and the standard streams.
 */
import path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { allRules } from "../../rules/index.js";
import { type CommandLineSettings, ConfigError, ConfigResolver, type ConfigSchema } from "../config/index.js";
import { LintOptionsError } from "../engine/index.js";
import { DEFAULT_TARGET } from "../evaluation/targets.js";
import { formatNames, type FormatterContext } from "../formatters/index.js";
import { chalkFor, colourLevel } from "./colour.js";
import { UsageError } from "./errors.js";
import type { InspectCommandOptions } from "./inspect-command.js";
import { type LintCommandOptions, parseRuleOptions, runLint } from "./lint-command.js";
import { addReviewCommand } from "./review-command.js";
import { PACKAGE_NAME, packageInfo, PROJECT_URL } from "./package-info.js";
import { explainRule, listRules, printConfig } from "./rules-info.js";
import { checkTargetOption, targetProblem } from "./target-option.js";
import { type CliStreams, type Environment, reportWriteErrorsThroughCallbacks, writeOutput } from "./streams.js";

export type { CliStreams, Environment } from "./streams.js";

interface ProgramOptions extends LintCommandOptions {
  target?: string;
  with?: string[];
  without?: string[];
  rule?: string[];
  listRules?: boolean;
  explain?: string;
  printConfig?: string;
  color: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a non-negative integer");
  return Number(value);
}

const ruleNames: ReadonlySet<string> = new Set(allRules.map((rule) => rule.meta.name));

const schema: ConfigSchema = { ruleNames, checkTarget: targetProblem };

function commandLineSettings(options: ProgramOptions): CommandLineSettings {
  checkTargetOption(options.target);
  const withNames = options.with ?? [];
  const withoutNames = options.without ?? [];
  const both = withNames.find((name) => withoutNames.includes(name));
  if (both !== undefined) throw new UsageError(`--with ${both} and --without ${both} contradict each other`);
  return {
    ...(options.target === undefined ? {} : { target: options.target }),
    with: withNames,
    without: withoutNames,
    rules: parseRuleOptions(options.rule ?? [], ruleNames),
  };
}

function addTargetOptions(command: Command): Command {
  return command
    .option("--target <target>", `build target: fedora-rawhide, fedora-N or epel-N (default: ${DEFAULT_TARGET})`)
    .option("--with <bcond>", "evaluate as rpmbuild --with BCOND (repeatable)", collect)
    .option("--without <bcond>", "evaluate as rpmbuild --without BCOND (repeatable)", collect);
}

/** Runs the command line; returns the exit status (0 clean, 1 findings, 2 usage or I/O error). */
export async function main(
  argv: readonly string[],
  streams: CliStreams,
  env: Environment = process.env,
  cwd: string = process.cwd(),
): Promise<number> {
  const { root, version } = packageInfo();
  reportWriteErrorsThroughCallbacks(streams);
  let status = 0;
  const program = new Command(PACKAGE_NAME)
    .description("Lint RPM spec files against Fedora's Python packaging guidelines, without rpm.")
    .exitOverride()
    // Options after `inspect` belong to it, not to the lint options of the same name.
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
      outputError: (text, write) => write(`${PACKAGE_NAME}: ${text.trim()}\n`),
    })
    .version(version, "-v, --version", "print the version")
    .helpOption("-h, --help", "print this help")
    .argument("[paths...]", "spec files, directories (searched for *.spec) or quoted globs; - for standard input (default: .)");
  addTargetOptions(program)
    .option("--stdin", "lint standard input")
    .option("--stdin-filename <path>", "the path to report (and to find configuration) for standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(formatNames).default("stylish"))
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .addOption(new Option("--fix", "apply safe fixes to the files").conflicts(["fixDryRun", "diff"]))
    .addOption(new Option("--fix-dry-run", "compute fixes without writing; json output gets an output field").conflicts("diff"))
    .option("--diff", "print the fixes as a unified diff; nothing is written")
    .option("--unsafe-fixes", "also apply (and count as fixable) fixes marked unsafe")
    .option("--rule <name=severity>", "set a rule's severity: off, info, warning or error (repeatable)", collect)
    .option("--max-warnings <count>", "exit with status 1 when there are more warnings than this", parseCount)
    .option("--quiet", "report errors only")
    .option("--exit-zero", "exit with status 0 even when there are findings")
    .option("--statistics", "print the number of findings per rule instead of the findings")
    .option("--list-rules", "list every rule (with --format json as JSON)")
    .option("--explain <rule>", "print the documentation of a rule")
    .option("--print-config <file>", "print the settings that apply to a file")
    .option("-c, --config <file>", "use this configuration file for every spec (no lookup)")
    .option("--no-config-lookup", "do not look for .rpmspec-lint.toml files")
    .option("--no-color", "never colour the output (also NO_COLOR=1)")
    .action(async (paths: string[], options: ProgramOptions) => {
      status = await runProgram(paths, options);
    });

  async function runProgram(paths: string[], options: ProgramOptions): Promise<number> {
    const commandLine = commandLineSettings(options);
    if (options.listRules) {
      await writeOutput(streams.stdout, listRules(allRules, options.format === "json"));
      return 0;
    }
    if (options.explain !== undefined) {
      await writeOutput(streams.stdout, await explainRule(allRules, options.explain, root));
      return 0;
    }
    if (options.printConfig !== undefined) {
      const resolver = new ConfigResolver({
        schema,
        lookup: options.configLookup,
        commandLine,
        ...(options.config === undefined ? {} : { configFile: path.resolve(cwd, options.config) }),
      });
      const settings = resolver.settingsFor(path.resolve(cwd, options.printConfig));
      await writeOutput(streams.stdout, printConfig(settings, allRules, DEFAULT_TARGET));
      return 0;
    }
    const toTerminal = options.outputFile === undefined && streams.stdout.isTTY === true;
    const formatterContext: FormatterContext = {
      cwd,
      rules: allRules,
      tool: { name: PACKAGE_NAME, version, informationUri: PROJECT_URL },
      chalk: chalkFor(colourLevel({ noColour: !options.color, env, isTTY: toTerminal })),
      unsafeFixes: options.unsafeFixes === true,
    };
    return runLint(paths, options, { streams, cwd, rules: allRules, schema, commandLine, formatterContext });
  }

  addTargetOptions(
    program
      .command("inspect")
      .description("print what specs declare for a target as JSON, like rpmspec -q but without rpm")
      .argument("<files...>", "spec files, directories or quoted globs"),
  )
    .addOption(new Option("-f, --format <format>", "output format").choices(["json"]).default("json"))
    .action(async (files: string[], options: InspectCommandOptions) => {
      checkTargetOption(options.target);
      const { runInspect } = await import("./inspect-command.js");
      status = await runInspect(files, options, { streams, cwd });
    });

  addReviewCommand(program, { streams, cwd, tool: { name: PACKAGE_NAME, version } }, (code) => {
    status = code;
  });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof LintOptionsError) {
      streams.stderr.write(`${PACKAGE_NAME}: error: ${error.message}\n`);
      return 2;
    }
    const reason = error instanceof Error ? error.message : String(error);
    streams.stderr.write(`${PACKAGE_NAME}: internal error: ${reason.split("\n")[0]} (please report this bug)\n`);
    return 2;
  }
}
