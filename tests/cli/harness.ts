import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";
import { main } from "../../src/cli/main.js";

export const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../specs-corpus/_cli");

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface RunOptions {
  cwd: string;
  stdin?: string | Buffer;
  env?: Record<string, string>;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
}

/** Runs `main` in this process with captured streams and a clean colour environment. */
export async function run(argv: string[], options: RunOptions): Promise<RunResult> {
  const stdout = new Capture(options.stdoutTTY ?? false);
  const stderr = new Capture(options.stderrTTY ?? false);
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const status = await main(argv, { stdin, stdout, stderr }, { ...options.env }, options.cwd);
  return { status, stdout: stdout.text, stderr: stderr.text };
}

/**
 * A scratch repository (it holds `.git`, so configuration lookup stops there) with the CLI specs,
 * removed when the test that asked for it finishes.
 */
export function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-cli-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, ".git"));
  cpSync(CORPUS, path.join(root, "specs"), { recursive: true });
  return root;
}
