/**
 * The lead and the header structures of an RPM package file (format 3.0, used by rpm 4).
 *
 * Layout, all integers big-endian: a 96-byte lead; the signature header; padding to a multiple of
 * 8 bytes; the main header; the compressed payload. A header structure is 16 bytes (magic
 * 8e ad e8 01, 4 reserved bytes, entry count, store size), then one 16-byte index entry per tag
 * (tag, type, offset into the store, count), then the store.
 */
import { SubmissionError, formatByteSize, hexBytes, malformed } from "../submission-error.js";
import type { ByteReader } from "./byte-reader.js";

const LEAD_SIZE = 96;
const LEAD_MAGIC = [0xed, 0xab, 0xee, 0xdb];
const HEADER_MAGIC = [0x8e, 0xad, 0xe8, 0x01];
const HEADER_INTRO_SIZE = 16;
const INDEX_ENTRY_SIZE = 16;
const LEAD_TYPE_SOURCE = 1;
const SIGNATURE_TYPE_HEADER = 5;

/** rpm itself refuses headers with more entries than this. */
const MAX_HEADER_ENTRIES = 0xffff;

/** Tag numbers of the main header (rpm's lib/rpmtag.h). */
export const Tag = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  source: 1018,
  patch: 1019,
  arch: 1022,
  oldFileNames: 1027,
  fileSizes: 1028,
  fileFlags: 1037,
  noSource: 1051,
  noPatch: 1052,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
  payloadFormat: 1124,
  payloadCompressor: 1125,
  longFileSizes: 5008,
} as const;

/** Data types of header entries. */
const TagType = {
  null: 0,
  char: 1,
  int8: 2,
  int16: 3,
  int32: 4,
  int64: 5,
  string: 6,
  bin: 7,
  stringArray: 8,
  i18nString: 9,
} as const;

const FIXED_SIZE: Record<number, number> = {
  [TagType.char]: 1,
  [TagType.int8]: 1,
  [TagType.int16]: 2,
  [TagType.int32]: 4,
  [TagType.int64]: 8,
  [TagType.bin]: 1,
};

const STRING_TYPES: ReadonlySet<number> = new Set([
  TagType.string,
  TagType.stringArray,
  TagType.i18nString,
]);

export interface Lead {
  major: number;
  minor: number;
  /** The name-version-release the lead was written with; informational only. */
  name: string;
}

interface IndexEntry {
  tag: number;
  type: number;
  offset: number;
  count: number;
  /** Where the entry's index record sits in the file, for error messages. */
  indexOffset: number;
}

const utf8 = new TextDecoder("utf-8");

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether `bytes` start like an RPM package (source or binary). */
export function hasLeadMagic(bytes: Uint8Array): boolean {
  return startsWith(bytes, LEAD_MAGIC);
}

export async function readLead(reader: ByteReader): Promise<Lead> {
  const start = reader.offset;
  const bytes = await reader.read(LEAD_SIZE, "the 96-byte RPM lead");
  const at = (offset: number) => ({ offset: start + offset, region: reader.region });
  if (!startsWith(bytes, LEAD_MAGIC)) {
    throw malformed(
      "not an RPM package: the lead",
      at(0),
      `expected magic ed ab ee db, found ${hexBytes(bytes.subarray(0, 4))}`,
    );
  }
  const fields = view(bytes);
  const major = fields.getUint8(4);
  const minor = fields.getUint8(5);
  if (major !== 3 && major !== 4) {
    throw malformed("the lead", at(4), `expected RPM format version 3 or 4, found ${major}`);
  }
  const type = fields.getUint16(6);
  if (type !== LEAD_TYPE_SOURCE) {
    const found = type === 0 ? "a binary RPM" : `package type ${type}`;
    throw malformed("the lead", at(6), `expected a source RPM (type 1), found ${found}`);
  }
  const signatureType = fields.getUint16(78);
  if (signatureType !== SIGNATURE_TYPE_HEADER) {
    throw malformed(
      "the lead",
      at(78),
      `expected signature type 5 (header-style signature), found ${signatureType}`,
    );
  }
  const nameBytes = bytes.subarray(10, 76);
  const nameEnd = nameBytes.indexOf(0);
  const name = utf8.decode(nameEnd === -1 ? nameBytes : nameBytes.subarray(0, nameEnd));
  return { major, minor, name };
}

/**
 * One header structure, its index validated on reading; values are decoded on request and a
 * malformed value is reported with its offset in the file.
 */
export class HeaderStructure {
  private readonly entries = new Map<number, IndexEntry>();

  constructor(
    readonly what: string,
    entries: readonly IndexEntry[],
    private readonly store: Uint8Array,
    private readonly storeOffset: number,
    private readonly region: ByteReader["region"],
  ) {
    for (const entry of entries) {
      if (!this.entries.has(entry.tag)) this.entries.set(entry.tag, entry);
    }
  }

  has(tag: number): boolean {
    return this.entries.has(tag);
  }

  /** A STRING (or the first string of a STRING_ARRAY / I18NSTRING) entry. */
  string(tag: number): string | undefined {
    return this.strings(tag)?.[0];
  }

  strings(tag: number): string[] | undefined {
    const entry = this.entries.get(tag);
    if (entry === undefined) return undefined;
    if (!STRING_TYPES.has(entry.type)) throw this.wrongType(entry, "a string");
    const values: string[] = [];
    let position = entry.offset;
    for (let index = 0; index < entry.count; index++) {
      const end = this.store.indexOf(0, position);
      if (end === -1) {
        throw malformed(
          `${this.what} tag ${entry.tag}`,
          this.at(position),
          `expected string ${index + 1} of ${entry.count} to end with a NUL byte before the store ends`,
        );
      }
      values.push(utf8.decode(this.store.subarray(position, end)));
      position = end + 1;
    }
    return values;
  }

  /** An integer entry (INT8 … INT64) as numbers; INT64 values must be exact in a double. */
  numbers(tag: number): number[] | undefined {
    const entry = this.entries.get(tag);
    if (entry === undefined) return undefined;
    const data = view(this.store.subarray(entry.offset));
    const values: number[] = [];
    for (let index = 0; index < entry.count; index++) {
      switch (entry.type) {
        case TagType.char:
        case TagType.int8:
          values.push(data.getUint8(index));
          break;
        case TagType.int16:
          values.push(data.getUint16(index * 2));
          break;
        case TagType.int32:
          values.push(data.getUint32(index * 4));
          break;
        case TagType.int64: {
          const value = data.getBigUint64(index * 8);
          if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
            throw malformed(
              `${this.what} tag ${entry.tag}`,
              this.at(entry.offset + index * 8),
              `value ${value} is too large`,
            );
          }
          values.push(Number(value));
          break;
        }
        default:
          throw this.wrongType(entry, "an integer");
      }
    }
    return values;
  }

  private at(storePosition: number) {
    return { offset: this.storeOffset + storePosition, region: this.region };
  }

  private wrongType(entry: IndexEntry, expected: string): SubmissionError {
    return malformed(
      `${this.what} tag ${entry.tag}`,
      { offset: entry.indexOffset + 4, region: this.region },
      `expected ${expected} type, found type ${entry.type}`,
    );
  }
}

/**
 * Reads one header structure. Its declared sizes are checked against `maxBytes` and against the
 * stream's known size before its index and store are read.
 */
export async function readHeaderStructure(
  reader: ByteReader,
  what: string,
  maxBytes: number,
): Promise<HeaderStructure> {
  const start = reader.offset;
  const at = (offset: number) => ({ offset, region: reader.region });
  const intro = await reader.read(HEADER_INTRO_SIZE, `the ${what}'s introduction`);
  if (!startsWith(intro, HEADER_MAGIC)) {
    throw malformed(
      `the ${what}`,
      at(start),
      `expected header magic 8e ad e8 01, found ${hexBytes(intro.subarray(0, 4))}`,
    );
  }
  const fields = view(intro);
  const entryCount = fields.getUint32(8);
  const storeSize = fields.getUint32(12);
  if (entryCount === 0 || entryCount > MAX_HEADER_ENTRIES) {
    throw malformed(
      `the ${what}`,
      at(start + 8),
      `expected between 1 and ${MAX_HEADER_ENTRIES} index entries, found ${entryCount}`,
    );
  }
  const indexSize = entryCount * INDEX_ENTRY_SIZE;
  if (indexSize + storeSize > maxBytes) {
    throw malformed(
      `the ${what}`,
      at(start + 8),
      `its ${entryCount} entries and ${storeSize}-byte store exceed the ` +
        `${formatByteSize(maxBytes)} limit for a header`,
    );
  }
  reader.ensureFits(indexSize + storeSize, `the ${what}'s ${entryCount} index entries and store`);

  const indexOffset = reader.offset;
  const index = view(await reader.read(indexSize, `the ${what}'s ${entryCount} index entries`));
  const storeOffset = reader.offset;
  const entries: IndexEntry[] = [];
  for (let number = 0; number < entryCount; number++) {
    const base = number * INDEX_ENTRY_SIZE;
    const entry: IndexEntry = {
      tag: index.getUint32(base),
      type: index.getUint32(base + 4),
      offset: index.getUint32(base + 8),
      count: index.getUint32(base + 12),
      indexOffset: indexOffset + base,
    };
    checkEntry(entry, storeSize, what, reader.region);
    entries.push(entry);
  }
  const store = await reader.read(storeSize, `the ${what}'s ${storeSize}-byte store`);
  return new HeaderStructure(what, entries, store, storeOffset, reader.region);
}

function checkEntry(
  entry: IndexEntry,
  storeSize: number,
  what: string,
  region: ByteReader["region"],
): void {
  const fail = (field: number, problem: string) =>
    malformed(`${what} index entry for tag ${entry.tag}`, { offset: entry.indexOffset + field, region }, problem);
  if (entry.type > TagType.i18nString) {
    throw fail(4, `expected a data type from 0 to 9, found ${entry.type}`);
  }
  if (entry.offset >= storeSize && !(entry.type === TagType.null && entry.offset === storeSize)) {
    throw fail(8, `data offset ${entry.offset} lies outside the ${storeSize}-byte store`);
  }
  if (entry.count === 0 && entry.type !== TagType.null) {
    throw fail(12, "expected a count of at least 1, found 0");
  }
  const itemSize = FIXED_SIZE[entry.type];
  if (itemSize !== undefined) {
    if (itemSize > 1 && entry.offset % itemSize !== 0) {
      throw fail(8, `data offset ${entry.offset} is not aligned to ${itemSize} bytes`);
    }
    if (entry.count * itemSize > storeSize - entry.offset) {
      throw fail(
        12,
        `${entry.count} values of ${itemSize} bytes at offset ${entry.offset} overrun the ` +
          `${storeSize}-byte store`,
      );
    }
  } else if (STRING_TYPES.has(entry.type)) {
    if (entry.type === TagType.string && entry.count !== 1) {
      throw fail(12, `expected a count of 1 for a STRING, found ${entry.count}`);
    }
    // Each string takes at least its NUL byte.
    if (entry.count > storeSize - entry.offset) {
      throw fail(
        12,
        `${entry.count} strings at offset ${entry.offset} cannot fit in the ${storeSize}-byte store`,
      );
    }
  }
}

/** The signature header is followed by zero bytes up to the next multiple of 8. */
export async function skipSignaturePadding(reader: ByteReader): Promise<void> {
  const padding = (8 - (reader.offset % 8)) % 8;
  if (padding > 0) await reader.skip(padding, "the padding after the signature header");
}
