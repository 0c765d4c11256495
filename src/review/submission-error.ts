/**
 * The one error type of the review inputs: anything wrong with a submission (unreadable file,
 * failed download, malformed or oversized source RPM) becomes a SubmissionError whose message is
 * a complete sentence, so the CLI can print it on one line and exit 2.
 */

/** Which byte stream an offset counts in: the submitted file, or the decompressed cpio payload. */
export type ByteRegion = "file" | "payload";

export interface ByteLocation {
  offset: number;
  region: ByteRegion;
}

export class SubmissionError extends Error {
  override readonly name = "SubmissionError";
  /** The message without the `source: ` prefix. */
  readonly detail: string;
  /** Where in the bytes the problem was found, when it concerns a position. */
  readonly offset: number | undefined;
  readonly region: ByteRegion | undefined;
  /** The path or URL the submission came from, once known. */
  readonly source: string | undefined;

  constructor(detail: string, location?: ByteLocation, source?: string) {
    super(source === undefined ? detail : `${source}: ${detail}`);
    this.detail = detail;
    this.offset = location?.offset;
    this.region = location?.region;
    this.source = source;
  }

  /** The same error, its message prefixed with the path or URL it concerns. */
  withSource(source: string): SubmissionError {
    if (this.source !== undefined) return this;
    const location =
      this.offset === undefined || this.region === undefined
        ? undefined
        : { offset: this.offset, region: this.region };
    return new SubmissionError(this.detail, location, source);
  }
}

/** "at byte 96 of the file" / "at byte 4 of the decompressed payload" */
export function describeLocation(location: ByteLocation): string {
  const stream = location.region === "file" ? "the file" : "the decompressed payload";
  return `at byte ${location.offset} of ${stream}`;
}

/** A SubmissionError about the bytes at `offset`: "<what> at byte N of the file: <problem>". */
export function malformed(what: string, location: ByteLocation, problem: string): SubmissionError {
  return new SubmissionError(`${what} ${describeLocation(location)}: ${problem}`, location);
}

/** "512 MiB", "1.5 KiB", "17 bytes". */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return bytes === 1 ? "1 byte" : `${bytes} bytes`;
}

export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}
