import type { Readable, Writable } from "node:stream";
import { UsageError } from "./errors.js";

/** The standard streams `main` reads and writes; tests pass their own. */
export interface CliStreams {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

export type Environment = Readonly<Record<string, string | undefined>>;

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Write failures are reported through `writeOutput`'s callback; without an `error` listener the
 * same failure would also be thrown as an uncaught exception with a stack trace.
 */
export function reportWriteErrorsThroughCallbacks(streams: CliStreams): void {
  for (const stream of [streams.stdout, streams.stderr]) {
    if (stream.listenerCount("error") === 0) stream.on("error", () => {});
  }
}

/**
 * Writes the output and waits until the stream has taken it. A reader that went away (EPIPE,
 * as with `| head`) is not an error; any other write failure is an I/O error (exit status 2).
 */
export async function writeOutput(stream: Writable, output: string | Uint8Array): Promise<void> {
  if (output.length === 0) return;
  await new Promise<void>((resolve, reject) => {
    stream.write(output, (error) => {
      const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
      if (error && code !== "EPIPE") reject(new UsageError(`cannot write the output (${code ?? error.message})`));
      else resolve();
    });
  });
}
