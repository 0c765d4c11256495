import { existsSync } from "node:fs";
import path from "node:path";
import micromatch from "micromatch";
import type { SeveritySetting } from "../engine/types.js";
import { readConfigFile } from "./load.js";
import {
  CONFIG_FILE_NAME,
  type CommandLineSettings,
  type ConfigFile,
  type ConfigSchema,
  type LintSettings,
} from "./types.js";

export interface ResolverOptions {
  schema: ConfigSchema;
  /** `--config FILE`: this file applies to every spec and no lookup happens. */
  configFile?: string;
  /** False with `--no-config-lookup`. */
  lookup: boolean;
  commandLine: CommandLineSettings;
}

/**
 * Finds and applies configuration for each linted file. Precedence, lowest first: the
 * configuration file, its matching `[[overrides]]` in order, then the command line.
 */
export class ConfigResolver {
  private readonly loaded = new Map<string, ConfigFile>();
  private readonly nearest = new Map<string, string | null>();

  constructor(private readonly options: ResolverOptions) {}

  /** The settings for the spec at `filePath` (absolute, or relative to the process's directory). */
  settingsFor(filePath: string): LintSettings {
    const absolute = path.resolve(filePath);
    const configPath = this.configPathFor(path.dirname(absolute));
    const config = configPath === null ? null : this.load(configPath);
    return applySettings(config, absolute, this.options.commandLine);
  }

  private configPathFor(directory: string): string | null {
    if (this.options.configFile !== undefined) return path.resolve(this.options.configFile);
    if (!this.options.lookup) return null;
    return this.findUpwards(directory);
  }

  /** The nearest configuration file from `directory` up to the repository root (a `.git` holder). */
  private findUpwards(directory: string): string | null {
    const cached = this.nearest.get(directory);
    if (cached !== undefined) return cached;
    let found: string | null;
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    const parent = path.dirname(directory);
    if (existsSync(candidate)) found = candidate;
    else if (existsSync(path.join(directory, ".git")) || parent === directory) found = null;
    else found = this.findUpwards(parent);
    this.nearest.set(directory, found);
    return found;
  }

  private load(configPath: string): ConfigFile {
    let config = this.loaded.get(configPath);
    if (config === undefined) {
      config = readConfigFile(configPath, this.options.schema);
      this.loaded.set(configPath, config);
    }
    return config;
  }
}

function toggle(names: Set<string>, add: readonly string[], remove: readonly string[]): void {
  for (const name of remove) names.delete(name);
  for (const name of add) names.add(name);
}

/**
 * Whether `absolutePath` matches one of an override's globs: a glob with a `/` is matched against
 * the path relative to the configuration file's directory, one without against the file name
 * (so `*.spec` means every spec, as in .gitignore).
 */
function overrideMatches(globs: readonly string[], config: ConfigFile, absolutePath: string): boolean {
  const relative = path.relative(path.dirname(config.path), absolutePath).split(path.sep).join("/");
  const basename = path.basename(absolutePath);
  return globs.some((glob) => micromatch.isMatch(glob.includes("/") ? relative : basename, glob, { dot: true }));
}

function applySettings(
  config: ConfigFile | null,
  absolutePath: string,
  commandLine: CommandLineSettings,
): LintSettings {
  const severities: Record<string, SeveritySetting> = {};
  if (config !== null) {
    Object.assign(severities, config.rules);
    for (const override of config.overrides) {
      if (overrideMatches(override.files, config, absolutePath)) Object.assign(severities, override.rules);
    }
  }
  Object.assign(severities, commandLine.rules);
  const withNames = new Set(config?.with);
  const withoutNames = new Set(config?.without);
  toggle(withNames, commandLine.with, commandLine.without);
  toggle(withoutNames, commandLine.without, commandLine.with);
  return {
    configFile: config?.path ?? null,
    target: commandLine.target ?? config?.target,
    with: [...withNames],
    without: [...withoutNames],
    severities,
  };
}
