import { stat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./errors.js";

/** One spec to lint: standard input, or a file with the path to show for it. */
export type Input = { kind: "stdin" } | { kind: "file"; displayPath: string; absolutePath: string };

export interface Discovery {
  inputs: Input[];
  /** Directories that held no spec (reported on stderr, not an error). */
  emptyDirectories: string[];
}

const IGNORE = ["**/node_modules/**", "**/.git/**"];

/** fast-glob is loaded on the first directory or pattern: linting named files starts without it. */
async function fastGlob(): Promise<typeof import("fast-glob")> {
  return (await import("fast-glob")).default;
}

async function globFiles(pattern: string, cwd: string): Promise<string[]> {
  const fg = await fastGlob();
  const found = await fg(pattern, { cwd, ignore: IGNORE, dot: true, onlyFiles: true, followSymbolicLinks: false });
  return found.sort();
}

/**
 * Expands the command line's paths: files as given, directories searched for `*.spec`
 * (skipping node_modules and .git), and quoted globs. `-` means standard input.
 */
export async function discoverInputs(paths: readonly string[], cwd: string): Promise<Discovery> {
  const inputs: Input[] = [];
  const emptyDirectories: string[] = [];
  const seen = new Set<string>();
  const add = (displayPath: string): void => {
    const absolutePath = path.resolve(cwd, displayPath);
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    inputs.push({ kind: "file", displayPath, absolutePath });
  };
  for (const given of paths.length === 0 ? ["."] : paths) {
    if (given === "-") {
      if (!seen.has("-")) inputs.push({ kind: "stdin" });
      seen.add("-");
      continue;
    }
    const absolute = path.resolve(cwd, given);
    let kind: "file" | "directory" | "missing";
    try {
      kind = (await stat(absolute)).isDirectory() ? "directory" : "file";
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new UsageError(`cannot read ${given} (${code ?? "error"})`);
      kind = "missing";
    }
    if (kind === "file") {
      add(given);
    } else if (kind === "directory") {
      const found = await globFiles("**/*.spec", absolute);
      if (found.length === 0) emptyDirectories.push(given);
      for (const file of found) add(path.join(given, file));
    } else if ((await fastGlob()).isDynamicPattern(given)) {
      const found = await globFiles(given.split(path.sep).join("/"), cwd);
      if (found.length === 0) throw new UsageError(`no files match the pattern ${given}`);
      for (const file of found) add(path.isAbsolute(file) ? file : path.normalize(file));
    } else {
      throw new UsageError(`no such file or directory: ${given}`);
    }
  }
  return { inputs, emptyDirectories };
}
