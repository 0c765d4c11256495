/**
 * A review submission: a spec file or a source RPM, given as a local path or an http(s) URL.
 * What it is comes from its first bytes (the RPM lead magic), not from its name.
 */
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { type FetchLimits, isRemoteUrl, openUrl } from "./fetch.js";
import { ByteReader } from "./srpm/byte-reader.js";
import { detectCompression } from "./srpm/decompress.js";
import { hasLeadMagic } from "./srpm/header.js";
import { DEFAULT_SRPM_LIMITS, type SrpmContents, type SrpmLimits, readSrpmFrom } from "./srpm/srpm.js";
import { SubmissionError, formatByteSize, hexBytes } from "./submission-error.js";

export type SubmissionKind = "spec" | "srpm";

export interface SubmissionOptions {
  limits?: Partial<SrpmLimits>;
  fetch?: Partial<FetchLimits>;
}

export interface Submission {
  kind: SubmissionKind;
  /** The path or URL as given. */
  source: string;
  /** For a URL, where the bytes came from after redirects. */
  url?: string;
  specFileName: string;
  specBytes: Uint8Array;
  /** For a source RPM: its header facts and file names. */
  srpm?: SrpmContents;
}

const READ_CHUNK_SIZE = 64 * 1024;

/**
 * Loads a submission. Every failure, from a missing file to a corrupt archive, is a
 * SubmissionError whose message starts with `pathOrUrl`.
 */
export async function loadSubmission(pathOrUrl: string, options: SubmissionOptions = {}): Promise<Submission> {
  try {
    if (isRemoteUrl(pathOrUrl)) return await loadRemote(pathOrUrl, options);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl)) {
      throw new SubmissionError("only http:// and https:// URLs are supported; give other files by path");
    }
    return await loadLocal(pathOrUrl, options);
  } catch (error) {
    if (error instanceof SubmissionError) throw error.withSource(pathOrUrl);
    throw error;
  }
}

async function loadLocal(path: string, options: SubmissionOptions): Promise<Submission> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw fileError(error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new SubmissionError("not a regular file");
    const stream = handle.createReadStream({ highWaterMark: READ_CHUNK_SIZE, autoClose: false });
    const reader = new ByteReader(stream, "file", stats.size);
    return await loadFrom(reader, { source: path, specFileName: basename(path) }, options);
  } catch (error) {
    throw isSystemError(error) ? fileError(error) : error;
  } finally {
    await handle.close();
  }
}

async function loadRemote(url: string, options: SubmissionOptions): Promise<Submission> {
  const remote = await openUrl(url, options.fetch);
  const reader = new ByteReader(remote.chunks, "file", remote.declaredSize);
  const origin = {
    source: url,
    url: remote.url,
    specFileName: remoteFileName(url, remote.url),
    contentType: remote.contentType,
  };
  return await loadFrom(reader, origin, options);
}

interface Origin {
  source: string;
  url?: string;
  specFileName: string;
  contentType?: string | undefined;
}

async function loadFrom(reader: ByteReader, origin: Origin, options: SubmissionOptions): Promise<Submission> {
  try {
    return await identifyAndRead(reader, origin, options);
  } finally {
    await reader.close();
  }
}

async function identifyAndRead(reader: ByteReader, origin: Origin, options: SubmissionOptions): Promise<Submission> {
  const where = origin.url === undefined ? {} : { url: origin.url };
  const head = await reader.peek(4);
  if (hasLeadMagic(head)) {
    const srpm = await readSrpmFrom(reader, options.limits);
    return {
      kind: "srpm",
      source: origin.source,
      ...where,
      specFileName: srpm.specFileName,
      specBytes: srpm.specBytes,
      srpm,
    };
  }
  const maxSpecBytes = options.limits?.maxSpecBytes ?? DEFAULT_SRPM_LIMITS.maxSpecBytes;
  const specBytes = await readSpec(reader, maxSpecBytes);
  checkLooksLikeSpec(specBytes, origin.contentType);
  return { kind: "spec", source: origin.source, ...where, specFileName: origin.specFileName, specBytes };
}

async function readSpec(reader: ByteReader, maxBytes: number): Promise<Uint8Array> {
  const limitMessage = () =>
    `not a source RPM, and larger than the ${formatByteSize(maxBytes)} limit for a spec file`;
  if (reader.knownSize !== undefined && reader.knownSize > maxBytes) {
    throw new SubmissionError(limitMessage());
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of reader.remaining()) {
    total += chunk.length;
    if (total > maxBytes) throw new SubmissionError(limitMessage());
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Rejects what is plainly not a spec: binary data, or a web page served instead of the file. */
function checkLooksLikeSpec(bytes: Uint8Array, contentType: string | undefined): void {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const compression = detectCompression(bytes);
    const kind = compression === undefined || compression === "none" ? "binary data" : `${compression} data`;
    throw new SubmissionError(
      `neither a source RPM nor a spec file: it holds ${kind} (it starts with ` +
        `${hexBytes(bytes.subarray(0, 8))}; NUL byte at offset ${nul})`,
      { offset: nul, region: "file" },
    );
  }
  const start = new TextDecoder("latin1").decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  const htmlType = contentType?.toLowerCase().startsWith("text/html") === true;
  if (htmlType || start.startsWith("<!doctype html") || start.startsWith("<html")) {
    throw new SubmissionError(
      "this is an HTML page, not a spec file (for a file shown by a code forge, give the URL of its raw content)",
    );
  }
}

/** The spec's name from the URL: the last path segment that ends in `.spec`, before or after redirects. */
function remoteFileName(requested: string, final: string): string {
  const names = [requested, final].map((url) => {
    const path = new URL(url).pathname;
    const segment = path.slice(path.lastIndexOf("/") + 1);
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  return names.find((name) => name.endsWith(".spec")) ?? names.find((name) => name !== "") ?? "";
}

/** An operating-system failure (ENOENT, EIO, …), as opposed to a problem in the bytes. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

function fileError(error: unknown): SubmissionError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return new SubmissionError("no such file");
    case "EACCES":
    case "EPERM":
      return new SubmissionError("permission denied");
    case "EISDIR":
      return new SubmissionError("not a regular file");
    default:
      return new SubmissionError(`cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
  }
}
