import { readFile } from "node:fs/promises";
import { inspectSpec } from "../inspect/index.js";
import { discoverInputs } from "./files.js";
import { type CliStreams, readAll, writeOutput } from "./streams.js";

export interface InspectCommandOptions {
  target?: string;
  with?: string[];
  without?: string[];
  format: "json";
}

/** `rpmspec-lint inspect`: one JSON object per spec, in a JSON array. */
export async function runInspect(
  paths: readonly string[],
  options: InspectCommandOptions,
  run: { streams: CliStreams; cwd: string },
): Promise<number> {
  const { inputs } = await discoverInputs(paths, run.cwd);
  const results: unknown[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    const filePath = input.kind === "file" ? input.displayPath : "<stdin>";
    let bytes: Buffer;
    try {
      bytes = input.kind === "file" ? await readFile(input.absolutePath) : await readAll(run.streams.stdin);
    } catch (error) {
      errors.push(`cannot read ${filePath} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    results.push(inspectSpec(bytes, { filePath, target: options.target, with: options.with ?? [], without: options.without ?? [] }));
  }
  await writeOutput(run.streams.stdout, JSON.stringify(results, null, 2) + "\n");
  for (const message of errors) run.streams.stderr.write(`rpmspec-lint: error: ${message}\n`);
  return errors.length > 0 ? 2 : 0;
}
