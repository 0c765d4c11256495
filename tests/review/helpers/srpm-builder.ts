/**
 * Builds source RPMs byte by byte for tests, so the reader is exercised without rpmbuild and with
 * corruptions rpmbuild would never produce.
 */
import { gzipSync } from "node:zlib";

export const TYPE = { int16: 3, int32: 4, int64: 5, string: 6, bin: 7, stringArray: 8 } as const;

export interface EntrySpec {
  tag: number;
  type: number;
  value: string | readonly string[] | readonly number[] | Uint8Array;
}

const ALIGNMENT: Record<number, number> = { [TYPE.int16]: 2, [TYPE.int32]: 4, [TYPE.int64]: 8 };

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

const encoder = new TextEncoder();

function encodeValue(entry: EntrySpec): { data: Uint8Array; count: number } {
  const { type, value } = entry;
  if (value instanceof Uint8Array) return { data: value, count: type === TYPE.string ? 1 : value.length };
  if (typeof value === "string") return { data: encoder.encode(`${value}\0`), count: 1 };
  if (type === TYPE.stringArray) {
    const strings = value as readonly string[];
    return { data: encoder.encode(strings.map((text) => `${text}\0`).join("")), count: strings.length };
  }
  const numbers = value as readonly number[];
  const size = ALIGNMENT[type] as number;
  const data = new Uint8Array(numbers.length * size);
  const view = new DataView(data.buffer);
  numbers.forEach((number, index) => {
    if (size === 2) view.setUint16(index * 2, number);
    else if (size === 4) view.setUint32(index * 4, number);
    else view.setBigUint64(index * 8, BigInt(number));
  });
  return { data, count: numbers.length };
}

/** A header structure: intro, index, store (values aligned as rpm aligns them). */
export function headerStructure(entries: readonly EntrySpec[]): Uint8Array {
  const index = new Uint8Array(entries.length * 16);
  const indexView = new DataView(index.buffer);
  const store: number[] = [];
  entries.forEach((entry, number) => {
    const { data, count } = encodeValue(entry);
    const alignment = ALIGNMENT[entry.type] ?? 1;
    while (store.length % alignment !== 0) store.push(0);
    indexView.setUint32(number * 16, entry.tag);
    indexView.setUint32(number * 16 + 4, entry.type);
    indexView.setUint32(number * 16 + 8, store.length);
    indexView.setUint32(number * 16 + 12, count);
    store.push(...data);
  });
  const intro = new Uint8Array(16);
  intro.set([0x8e, 0xad, 0xe8, 0x01]);
  const introView = new DataView(intro.buffer);
  introView.setUint32(8, entries.length);
  introView.setUint32(12, store.length);
  return concat([intro, index, Uint8Array.from(store)]);
}

export function lead(name: string, type = 1): Uint8Array {
  const bytes = new Uint8Array(96);
  const view = new DataView(bytes.buffer);
  bytes.set([0xed, 0xab, 0xee, 0xdb, 3, 0]);
  view.setUint16(6, type);
  view.setUint16(8, 1);
  bytes.set(encoder.encode(name).subarray(0, 65), 10);
  view.setUint16(76, 1);
  view.setUint16(78, 5);
  return bytes;
}

export interface ArchiveFile {
  name: string;
  data: Uint8Array | string;
  mode?: number;
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, "0");
}

function pad4(length: number): Uint8Array {
  return new Uint8Array((4 - (length % 4)) % 4);
}

/** A newc cpio archive with its trailer. */
export function cpioArchive(files: readonly ArchiveFile[], magic = "070701"): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const add = (part: Uint8Array) => {
    parts.push(part);
    length += part.length;
  };
  const entry = (name: string, data: Uint8Array, mode: number, inode: number) => {
    const fields = [inode, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, encoder.encode(name).length + 1, 0];
    add(encoder.encode(magic + fields.map(hex8).join("")));
    add(encoder.encode(`${name}\0`));
    add(pad4(length));
    add(data);
    add(pad4(length));
  };
  files.forEach((file, index) => {
    const data = typeof file.data === "string" ? encoder.encode(file.data) : file.data;
    entry(file.name, data, file.mode ?? 0o100644, index + 1);
  });
  entry("TRAILER!!!", new Uint8Array(0), 0, 0);
  return concat(parts);
}

/** rpm's "stripped" entries: magic 07070X, the file index, padding, the data. */
export function strippedCpioArchive(files: readonly ArchiveFile[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const add = (part: Uint8Array) => {
    parts.push(part);
    length += part.length;
  };
  files.forEach((file, index) => {
    const data = typeof file.data === "string" ? encoder.encode(file.data) : file.data;
    add(encoder.encode(`07070X${hex8(index)}`));
    add(pad4(length));
    add(data);
    add(pad4(length));
  });
  const trailer = cpioArchive([]);
  return concat([...parts, trailer]);
}

export interface SrpmFile extends ArchiveFile {
  flags?: number;
}

export interface SrpmOptions {
  name?: string;
  version?: string;
  release?: string;
  epoch?: number;
  files: readonly SrpmFile[];
  /** Turns the cpio archive into the payload; gzip by default. */
  compress?: (archive: Uint8Array) => Uint8Array;
  /** Replaces the cpio archive built from `files`. */
  archive?: Uint8Array;
  payloadCompressor?: string;
  /** Header entries replacing or adding to the generated ones, by tag. */
  extraEntries?: readonly EntrySpec[];
  /** Tags left out of the generated header. */
  omitTags?: readonly number[];
  leadType?: number;
}

export const SPECFILE_FLAG = 1 << 5;

export function mainHeaderEntries(options: SrpmOptions): EntrySpec[] {
  const entries: EntrySpec[] = [
    { tag: 1000, type: TYPE.string, value: options.name ?? "python-example" },
    { tag: 1001, type: TYPE.string, value: options.version ?? "1.0" },
    { tag: 1002, type: TYPE.string, value: options.release ?? "1" },
    ...(options.epoch === undefined ? [] : [{ tag: 1003, type: TYPE.int32, value: [options.epoch] }]),
    { tag: 1028, type: TYPE.int32, value: options.files.map((file) => byteLength(file.data)) },
    { tag: 1030, type: TYPE.int16, value: options.files.map((file) => file.mode ?? 0o100644) },
    { tag: 1037, type: TYPE.int32, value: options.files.map((file) => file.flags ?? 0) },
    { tag: 1106, type: TYPE.int32, value: [1] },
    { tag: 1116, type: TYPE.int32, value: options.files.map(() => 0) },
    { tag: 1117, type: TYPE.stringArray, value: options.files.map((file) => file.name) },
    { tag: 1118, type: TYPE.stringArray, value: [""] },
    { tag: 1124, type: TYPE.string, value: "cpio" },
    { tag: 1125, type: TYPE.string, value: options.payloadCompressor ?? "gzip" },
  ];
  for (const extra of options.extraEntries ?? []) {
    const existing = entries.findIndex((entry) => entry.tag === extra.tag);
    if (existing === -1) entries.push(extra);
    else entries[existing] = extra;
  }
  return entries
    .filter((entry) => !(options.omitTags ?? []).includes(entry.tag))
    .sort((left, right) => left.tag - right.tag);
}

function byteLength(data: Uint8Array | string): number {
  return typeof data === "string" ? encoder.encode(data).length : data.length;
}

/** Lead, signature header padded to 8 bytes, main header, payload. */
export function buildSrpm(options: SrpmOptions): Uint8Array {
  const name = options.name ?? "python-example";
  const signature = headerStructure([{ tag: 1000, type: TYPE.int32, value: [0] }]);
  const padding = new Uint8Array((8 - (signature.length % 8)) % 8);
  const archive = options.archive ?? cpioArchive(options.files);
  const payload = (options.compress ?? ((bytes: Uint8Array) => gzipSync(bytes)))(archive);
  return concat([
    lead(`${name}-${options.version ?? "1.0"}-${options.release ?? "1"}`, options.leadType),
    signature,
    padding,
    headerStructure(mainHeaderEntries(options)),
    payload,
  ]);
}

/** Where the main header starts in a file built by buildSrpm. */
export function mainHeaderOffset(): number {
  const signatureLength = headerStructure([{ tag: 1000, type: TYPE.int32, value: [0] }]).length;
  return 96 + signatureLength + ((8 - (signatureLength % 8)) % 8);
}

/** A zstd frame of raw (stored) blocks: no compression needed to make one. */
export function zstdStoredFrame(data: Uint8Array, windowDescriptor = 0x58): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, windowDescriptor])];
  const blockSize = 64 * 1024;
  for (let start = 0; start < data.length || start === 0; start += blockSize) {
    const block = data.subarray(start, start + blockSize);
    const last = start + blockSize >= data.length ? 1 : 0;
    const header = (block.length << 3) | (0 << 1) | last;
    parts.push(Uint8Array.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), block);
    if (data.length === 0) break;
  }
  return concat(parts);
}

/**
 * A zstd frame of `prefix` in a raw block, then `count` RLE blocks of 128 KiB each: 4 bytes in,
 * 128 KiB out, per block.
 */
export function zstdRleBomb(prefix: Uint8Array, count: number): Uint8Array {
  const rawHeader = prefix.length << 3;
  const parts: Uint8Array[] = [
    Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]),
    Uint8Array.from([rawHeader & 0xff, (rawHeader >> 8) & 0xff, (rawHeader >> 16) & 0xff]),
    prefix,
  ];
  const blocks = new Uint8Array(count * 4);
  for (let index = 0; index < count; index++) {
    const value = ((128 * 1024) << 3) | (1 << 1) | (index === count - 1 ? 1 : 0);
    blocks.set([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, 0], index * 4);
  }
  parts.push(blocks);
  return concat(parts);
}

/** The start of a cpio archive: one entry header claiming a file of `size` bytes, no data. */
export function cpioEntryHeader(name: string, size: number): Uint8Array {
  const fields = [1, 0o100644, 0, 0, 1, 0, size, 0, 0, 0, 0, encoder.encode(name).length + 1, 0];
  const header = encoder.encode(`070701${fields.map(hex8).join("")}${name}\0`);
  return concat([header, pad4(header.length)]);
}
