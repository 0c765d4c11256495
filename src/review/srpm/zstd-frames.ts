/**
 * A structural pass over a zstd stream that runs ahead of the decoder, for two reasons:
 *
 * - the pure-JS decoder allocates a frame's whole window up front, and a frame header may declare
 *   up to 2 GiB: frames declaring more than our window limit are refused before that allocation;
 * - one small chunk can hold thousands of RLE blocks of 128 KiB each, so the chunks given to the
 *   decoder are cut after a bounded number of blocks, which bounds what a single decoder call
 *   can produce before the size limit is checked again.
 *
 * Frame layout (RFC 8878): magic 28 b5 2f fd, a frame header descriptor byte, an optional window
 * descriptor, an optional dictionary id, an optional content size, then blocks of a 3-byte
 * little-endian header (last flag, type, size) and a body, then an optional 4-byte checksum.
 * Skippable frames are a magic 184d2a5? and a 4-byte length.
 */
import { formatByteSize, hexBytes, malformed } from "../submission-error.js";

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const MAX_BLOCK_SIZE = 128 * 1024;
const BLOCK_TYPE_RLE = 1;
const BLOCK_TYPE_RESERVED = 3;

/** Blocks the decoder may complete in one call: at most 32 × 128 KiB of output. */
const BLOCKS_PER_PIECE = 32;

type State =
  | { kind: "magic" }
  | { kind: "skippableLength" }
  | { kind: "frameDescriptor" }
  | { kind: "frameHeader"; descriptor: number; length: number }
  | { kind: "blockHeader"; checksum: boolean }
  | { kind: "blockBody"; remaining: number; last: boolean; checksum: boolean }
  | { kind: "skip"; remaining: number };

export class ZstdFrameGuard {
  private state: State = { kind: "magic" };
  private field: number[] = [];
  private fieldStart = 0;
  private consumed = 0;
  private blocksInPiece = 0;

  /**
   * @param maxWindowBytes largest window a frame may declare
   * @param fileOffset offset of the stream's first byte in the file, for error messages
   */
  constructor(
    private readonly maxWindowBytes: number,
    private readonly fileOffset: number,
  ) {}

  /** Cuts `chunk` into pieces that each complete at most BLOCKS_PER_PIECE blocks. */
  split(chunk: Uint8Array): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    let pieceStart = 0;
    let position = 0;
    while (position < chunk.length) {
      const state = this.state;
      if (state.kind === "blockBody" || state.kind === "skip") {
        const taken = Math.min(state.remaining, chunk.length - position);
        state.remaining -= taken;
        position += taken;
        this.consumed += taken;
        if (state.remaining > 0) continue;
        if (state.kind === "skip") {
          this.state = { kind: "magic" };
          continue;
        }
        this.state = !state.last
          ? { kind: "blockHeader", checksum: state.checksum }
          : state.checksum
            ? { kind: "skip", remaining: 4 }
            : { kind: "magic" };
        this.blocksInPiece++;
        if (this.blocksInPiece === BLOCKS_PER_PIECE) {
          pieces.push(chunk.subarray(pieceStart, position));
          pieceStart = position;
          this.blocksInPiece = 0;
        }
        continue;
      }
      if (this.field.length === 0) this.fieldStart = this.consumed;
      const needed = this.fieldLength(state);
      const taken = Math.min(needed - this.field.length, chunk.length - position);
      for (let index = 0; index < taken; index++) this.field.push(chunk[position + index] as number);
      position += taken;
      this.consumed += taken;
      if (this.field.length === needed) {
        const field = this.field;
        this.field = [];
        this.state = this.afterField(state, field);
      }
    }
    if (pieceStart < chunk.length) pieces.push(chunk.subarray(pieceStart));
    return pieces;
  }

  private fieldLength(state: Exclude<State, { kind: "blockBody" | "skip" }>): number {
    switch (state.kind) {
      case "magic":
      case "skippableLength":
        return 4;
      case "frameDescriptor":
        return 1;
      case "frameHeader":
        return state.length;
      case "blockHeader":
        return 3;
    }
  }

  private afterField(state: Exclude<State, { kind: "blockBody" | "skip" }>, field: number[]): State {
    switch (state.kind) {
      case "magic": {
        const magic = littleEndian(field);
        if (magic === FRAME_MAGIC) return { kind: "frameDescriptor" };
        if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) return { kind: "skippableLength" };
        throw this.fail(`expected a zstd frame magic 28 b5 2f fd, found ${hexBytes(Uint8Array.from(field))}`);
      }
      case "skippableLength":
        return { kind: "skip", remaining: littleEndian(field) };
      case "frameDescriptor": {
        const descriptor = field[0] as number;
        if (descriptor & 0x08) throw this.fail("the reserved bit of the zstd frame header is set");
        return { kind: "frameHeader", descriptor, length: frameHeaderLength(descriptor) };
      }
      case "frameHeader":
        this.checkFrameHeader(state.descriptor, field);
        return { kind: "blockHeader", checksum: (state.descriptor & 0x04) !== 0 };
      case "blockHeader": {
        const header = littleEndian(field);
        const last = (header & 1) === 1;
        const type = (header >>> 1) & 3;
        const size = header >>> 3;
        if (type === BLOCK_TYPE_RESERVED) throw this.fail("a zstd block has the reserved type 3");
        if (size > MAX_BLOCK_SIZE) {
          throw this.fail(`a zstd block declares ${size} bytes, more than the format's 128 KiB`);
        }
        const bodyLength = type === BLOCK_TYPE_RLE ? 1 : size;
        return { kind: "blockBody", remaining: bodyLength, last, checksum: state.checksum };
      }
    }
  }

  private checkFrameHeader(descriptor: number, field: number[]): void {
    const singleSegment = (descriptor & 0x20) !== 0;
    const dictionaryBytes = DICTIONARY_ID_BYTES[descriptor & 3] as number;
    const windowBytes = singleSegment ? 0 : 1;
    const dictionaryId = littleEndian(field.slice(windowBytes, windowBytes + dictionaryBytes));
    if (dictionaryId !== 0) {
      throw this.fail(`the zstd frame needs dictionary ${dictionaryId}, which rpm never uses`);
    }
    let window: number;
    if (singleSegment) {
      const contentSize = field.slice(windowBytes + dictionaryBytes);
      window = littleEndian(contentSize) + (contentSize.length === 2 ? 256 : 0);
    } else {
      const windowDescriptor = field[0] as number;
      const base = 2 ** (10 + (windowDescriptor >>> 3));
      window = base + (base / 8) * (windowDescriptor & 7);
    }
    if (window > this.maxWindowBytes) {
      throw this.fail(
        `the zstd frame declares a ${formatByteSize(window)} window, more than the ` +
          `${formatByteSize(this.maxWindowBytes)} limit`,
      );
    }
  }

  private fail(problem: string) {
    return malformed(
      "the zstd payload",
      { offset: this.fileOffset + this.fieldStart, region: "file" },
      problem,
    );
  }
}

const DICTIONARY_ID_BYTES = [0, 1, 2, 4];
const CONTENT_SIZE_BYTES = [0, 2, 4, 8];

function frameHeaderLength(descriptor: number): number {
  const singleSegment = (descriptor & 0x20) !== 0;
  const contentSizeFlag = descriptor >>> 6;
  const contentSizeBytes =
    contentSizeFlag === 0 ? (singleSegment ? 1 : 0) : (CONTENT_SIZE_BYTES[contentSizeFlag] as number);
  return (singleSegment ? 0 : 1) + (DICTIONARY_ID_BYTES[descriptor & 3] as number) + contentSizeBytes;
}

/** Up to 8 little-endian bytes as a number (exact up to 2^53, which is all a limit needs). */
function littleEndian(bytes: readonly number[]): number {
  let value = 0;
  for (let index = bytes.length - 1; index >= 0; index--) value = value * 256 + (bytes[index] as number);
  return value;
}
