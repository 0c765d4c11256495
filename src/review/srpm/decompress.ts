/**
 * Streaming decompression of an RPM payload, chosen by the payload's magic bytes (the header's
 * PAYLOADCOMPRESSOR is only what the builder claimed).
 *
 * gzip uses node:zlib; zstd uses fzstd (Node 20's zlib has no zstd) behind ZstdFrameGuard; xz,
 * lzma and bzip2 have no sound decoder in JavaScript, so they go through the `xz` or `bzip2`
 * program when it is installed, fed on stdin without a shell. Every decoder yields small chunks
 * and stops when its consumer stops, and the total output is capped.
 */
import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { Decompress as ZstdDecompress } from "fzstd";
import { SubmissionError, formatByteSize, hexBytes } from "../submission-error.js";
import { ZstdFrameGuard } from "./zstd-frames.js";

export type PayloadCompression = "gzip" | "zstd" | "xz" | "lzma" | "bzip2" | "none";

export interface DecompressOptions {
  /** Decompressed bytes allowed in total; more is an error. */
  maxOutputBytes: number;
  /** Largest window a zstd frame may declare (zstd's own default limit is 128 MiB). */
  maxZstdWindowBytes: number;
  /** Offset of the payload's first byte in the file, for error messages. */
  fileOffset: number;
}

/** The first bytes this many bytes long are enough to tell every format apart. */
export const COMPRESSION_MAGIC_LENGTH = 6;

const MAGICS: ReadonlyArray<[PayloadCompression, readonly number[]]> = [
  ["gzip", [0x1f, 0x8b]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["bzip2", [0x42, 0x5a, 0x68]],
  // An lzma-alone stream starts with its properties byte; rpm always writes the default 0x5d,
  // followed by a dictionary size whose low bytes are zero.
  ["lzma", [0x5d, 0x00, 0x00]],
  // An uncompressed payload is the cpio archive itself: "0707".
  ["none", [0x30, 0x37, 0x30, 0x37]],
];

export function detectCompression(head: Uint8Array): PayloadCompression | undefined {
  for (const [compression, magic] of MAGICS) {
    if (magic.every((byte, index) => head[index] === byte)) return compression;
  }
  return undefined;
}

export function describeUnknownCompression(head: Uint8Array, declared: string | undefined): string {
  const claim = declared === undefined ? "" : ` (the header says ${JSON.stringify(declared)})`;
  return (
    `the payload starts with ${hexBytes(head)}, which is not gzip, zstd, xz, lzma, bzip2 or ` +
    `a cpio archive${claim}`
  );
}

export function decompressPayload(
  compression: PayloadCompression,
  input: AsyncIterable<Uint8Array>,
  options: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  return capOutput(decoderFor(compression, input, options), options.maxOutputBytes);
}

function decoderFor(
  compression: PayloadCompression,
  input: AsyncIterable<Uint8Array>,
  options: DecompressOptions,
): AsyncIterable<Uint8Array> {
  switch (compression) {
    case "none":
      return input;
    case "gzip":
      return gunzip(input);
    case "zstd":
      return unzstd(input, options);
    case "xz":
      return runDecompressor(XZ, ["--format=xz"], input);
    case "lzma":
      return runDecompressor(XZ, ["--format=lzma"], input);
    case "bzip2":
      return runDecompressor(BZIP2, [], input);
  }
}

async function* capOutput(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new SubmissionError(
        `the payload decompresses to more than the ${formatByteSize(maxBytes)} limit before ` +
          "its spec file is reached (a decompression bomb, or a package that needs a higher limit)",
      );
    }
    yield chunk;
  }
}

async function* gunzip(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  // Larger output chunks than zlib's 16 KiB default halve the time to inflate past a big tarball.
  const inflater = createGunzip({ chunkSize: 64 * 1024 });
  const feeding = pipeline(Readable.from(input, { objectMode: false }), inflater);
  // The pipeline's failure also destroys `inflater`, which is where it surfaces below.
  feeding.catch(() => undefined);
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      yield chunk;
    }
  } catch (error) {
    throw zlibError(error, "gzip", produced);
  } finally {
    inflater.destroy();
  }
}

function zlibError(error: unknown, format: string, produced: number): unknown {
  if (error instanceof SubmissionError || !(error instanceof Error) || !("errno" in error)) return error;
  return decoderFailure(format, produced, error.message === "unexpected end of file" ? null : error.message);
}

/** `problem` null means the compressed data ended too soon. */
function decoderFailure(format: string, produced: number, problem: string | null): SubmissionError {
  const detail =
    problem === null
      ? `the ${format} payload ends early, after ${produced} decompressed bytes (truncated file?)`
      : `the ${format} payload is corrupt after ${produced} decompressed bytes: ${problem}`;
  return new SubmissionError(detail, { offset: produced, region: "payload" });
}

/** fzstd's ZstdErrorCode.UnexpectedEOF. */
const ZSTD_UNEXPECTED_EOF = 5;

async function* unzstd(input: AsyncIterable<Uint8Array>, options: DecompressOptions): AsyncGenerator<Uint8Array> {
  const guard = new ZstdFrameGuard(options.maxZstdWindowBytes, options.fileOffset);
  let output: Uint8Array[] = [];
  const decoder = new ZstdDecompress((data) => {
    if (data.length > 0) output.push(data);
  });
  let produced = 0;
  const push = (piece: Uint8Array, final: boolean) => {
    try {
      decoder.push(piece, final);
    } catch (error) {
      const truncated = (error as { code?: number }).code === ZSTD_UNEXPECTED_EOF;
      throw decoderFailure("zstd", produced, truncated ? null : String((error as Error).message ?? error));
    }
  };
  for await (const chunk of input) {
    for (const piece of guard.split(chunk)) {
      push(piece, false);
      const ready = output;
      output = [];
      for (const data of ready) {
        produced += data.length;
        yield data;
      }
    }
  }
  push(new Uint8Array(0), true);
  yield* output;
}

interface Decompressor {
  command: string;
  args: readonly string[];
  /** The Debian/Fedora package that provides the command. */
  packageName: string;
  format: string;
}

const XZ: Decompressor = {
  command: "xz",
  // rpm's xz levels need at most 65 MiB to decompress; more is not an rpm payload.
  args: ["--decompress", "--stdout", "--memlimit-decompress=128MiB"],
  packageName: "xz-utils (Debian) or xz (Fedora)",
  format: "xz/lzma",
};

const BZIP2: Decompressor = {
  command: "bzip2",
  args: ["--decompress", "--stdout"],
  packageName: "bzip2",
  format: "bzip2",
};

const MAX_STDERR = 2000;

async function* runDecompressor(
  decompressor: Decompressor,
  extraArgs: readonly string[],
  input: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const child = spawn(decompressor.command, [...decompressor.args, ...extraArgs], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C" },
  });
  let spawnError: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once("error", (error) => {
      spawnError = error;
      resolve(null);
    });
    child.once("close", (code) => resolve(code));
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    if (stderr.length < MAX_STDERR) stderr += text;
  });
  let inputError: unknown;
  const tappedInput = async function* () {
    try {
      yield* input;
    } catch (error) {
      inputError = error;
      throw error;
    }
  };
  // Writing fails with EPIPE when the program exits or we stop reading; that is not an error.
  const feeding = pipeline(Readable.from(tappedInput(), { objectMode: false }), child.stdin).catch(
    () => undefined,
  );
  // The program's own failure explains less than a failure to start it or to read the input.
  const rootCause = (error?: unknown) => {
    if (spawnError !== undefined) return spawnFailure(decompressor, spawnError);
    return inputError ?? error;
  };
  try {
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield chunk;
    } catch (error) {
      throw rootCause(error);
    }
    const code = await exited;
    await feeding;
    const cause = rootCause();
    if (cause !== undefined) throw cause;
    if (code !== 0) {
      const message = stderr.trim().split("\n").pop() ?? "";
      throw new SubmissionError(
        `${decompressor.command} could not decompress the ${decompressor.format} payload` +
          (message === "" ? ` (exit status ${code})` : `: ${message}`),
      );
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill();
    child.stdout.destroy();
    child.stdin.destroy();
  }
}

function spawnFailure(decompressor: Decompressor, error: Error): SubmissionError {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    return new SubmissionError(
      `the payload is ${decompressor.format}-compressed and reading it needs the ` +
        `\`${decompressor.command}\` program, which is not installed: install ` +
        `${decompressor.packageName}, or extract the spec with ` +
        "`rpm2cpio FILE.src.rpm | cpio -i --to-stdout '*.spec' > NAME.spec` and review that",
    );
  }
  return new SubmissionError(`could not run ${decompressor.command}: ${error.message}`);
}
