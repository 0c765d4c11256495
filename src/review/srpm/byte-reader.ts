/**
 * Sequential reads of exact byte counts from a stream of chunks (a file, a download, a
 * decompressor), pulling only as many chunks as a read needs so that a reader can stop early.
 */
import { type ByteRegion, SubmissionError, describeLocation, formatByteSize } from "../submission-error.js";

export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private exhausted = false;
  private consumed = 0;

  /**
   * @param knownSize the stream's length when known beforehand (a local file), so that a
   *   declared length can be checked against it before anything is allocated
   */
  constructor(
    chunks: AsyncIterable<Uint8Array>,
    readonly region: ByteRegion,
    readonly knownSize?: number,
  ) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /** Bytes consumed so far, which is the offset of the next byte. */
  get offset(): number {
    return this.consumed;
  }

  /**
   * Fails at once, without reading, when `length` bytes cannot fit in what remains of a stream
   * of known size.
   */
  ensureFits(length: number, what: string): void {
    if (this.knownSize !== undefined && this.consumed + length > this.knownSize) {
      throw this.endedEarly(length, what, this.knownSize);
    }
  }

  /** Exactly `length` bytes; a stream that ends first is an error naming `what` was expected. */
  async read(length: number, what: string): Promise<Uint8Array> {
    this.ensureFits(length, what);
    await this.fill(length);
    if (this.pendingLength < length) {
      throw this.endedEarly(length, what, this.consumed + this.pendingLength);
    }
    const bytes = this.take(length);
    this.consumed += length;
    return bytes;
  }

  async skip(length: number, what: string): Promise<void> {
    this.ensureFits(length, what);
    let remaining = length;
    while (remaining > 0) {
      if (this.pendingLength === 0 && !(await this.pull())) {
        throw this.endedEarly(length, what, this.consumed);
      }
      const discarded = Math.min(remaining, this.pendingLength);
      this.discard(discarded);
      this.consumed += discarded;
      remaining -= discarded;
    }
  }

  /** Up to `length` bytes without consuming them; fewer only when the stream ends. */
  async peek(length: number): Promise<Uint8Array> {
    await this.fill(length);
    const available = Math.min(length, this.pendingLength);
    const bytes = this.take(available);
    this.pending.unshift(bytes);
    this.pendingLength += available;
    return bytes;
  }

  /** Everything not yet consumed, as a stream; the reader must not be used afterwards. */
  async *remaining(): AsyncGenerator<Uint8Array> {
    const buffered = this.pending;
    this.pending = [];
    this.pendingLength = 0;
    try {
      for (const chunk of buffered) {
        this.consumed += chunk.length;
        yield chunk;
      }
      while (!this.exhausted) {
        const next = await this.iterator.next();
        if (next.done) {
          this.exhausted = true;
          break;
        }
        this.consumed += next.value.length;
        yield next.value;
      }
    } finally {
      await this.close();
    }
  }

  /** Stops the underlying stream (closing the file, aborting the download). */
  async close(): Promise<void> {
    if (this.exhausted) return;
    this.exhausted = true;
    await this.iterator.return?.();
  }

  private async fill(length: number): Promise<void> {
    while (this.pendingLength < length && (await this.pull()));
  }

  private async pull(): Promise<boolean> {
    if (this.exhausted) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.exhausted = true;
      return false;
    }
    if (next.value.length > 0) {
      this.pending.push(next.value);
      this.pendingLength += next.value.length;
    }
    return true;
  }

  /** Removes and returns the first `length` pending bytes (`length` ≤ pendingLength). */
  private take(length: number): Uint8Array {
    const first = this.pending[0];
    if (first !== undefined && first.length >= length) {
      this.discard(length);
      return first.subarray(0, length);
    }
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const chunk = this.pending[0] as Uint8Array;
      const used = Math.min(chunk.length, length - filled);
      bytes.set(chunk.subarray(0, used), filled);
      filled += used;
      this.discard(used);
    }
    return bytes;
  }

  private discard(length: number): void {
    let remaining = length;
    while (remaining > 0) {
      const chunk = this.pending[0] as Uint8Array;
      if (chunk.length <= remaining) {
        this.pending.shift();
        remaining -= chunk.length;
      } else {
        this.pending[0] = chunk.subarray(remaining);
        remaining = 0;
      }
    }
    this.pendingLength -= length;
  }

  private endedEarly(length: number, what: string, end: number): SubmissionError {
    const location = { offset: this.consumed, region: this.region };
    const stream = this.region === "file" ? "the file" : "the decompressed payload";
    return new SubmissionError(
      `expected ${what} (${formatByteSize(length)}) ${describeLocation(location)}, ` +
        `but ${stream} ends at byte ${end} (truncated?)`,
      location,
    );
  }
}
