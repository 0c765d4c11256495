/**
 * Reads the spec file and the package facts out of a source RPM without rpm: lead, signature
 * header, main header, then the cpio payload up to the spec file's entry, where reading stops.
 * Nothing from the archive is ever written to disk or executed.
 */
import { SubmissionError, formatByteSize, malformed } from "../submission-error.js";
import { ByteReader } from "./byte-reader.js";
import { CpioReader, isRegularFile } from "./cpio.js";
import {
  COMPRESSION_MAGIC_LENGTH,
  type PayloadCompression,
  decompressPayload,
  describeUnknownCompression,
  detectCompression,
} from "./decompress.js";
import { type HeaderStructure, Tag, readHeaderStructure, readLead, skipSignaturePadding } from "./header.js";

/** rpm's file flag marking the spec file of a source package. */
export const RPMFILE_SPECFILE = 1 << 5;

export interface SrpmLimits {
  /**
   * Decompressed payload bytes that may be read before the spec file's entry. Entries are read
   * in name order and a spec often comes after its source tarballs, so this covers them too;
   * nothing but the spec is kept in memory.
   */
  maxPayloadBytes: number;
  /** Largest spec file accepted. */
  maxSpecBytes: number;
  /** Largest header structure (index and store) accepted. */
  maxHeaderBytes: number;
  /** Largest window a zstd frame may declare. */
  maxZstdWindowBytes: number;
}

export const DEFAULT_SRPM_LIMITS: SrpmLimits = {
  maxPayloadBytes: 512 * 1024 * 1024,
  maxSpecBytes: 16 * 1024 * 1024,
  maxHeaderBytes: 32 * 1024 * 1024,
  maxZstdWindowBytes: 128 * 1024 * 1024,
};

export interface SrpmHeader {
  name: string;
  version: string;
  release: string;
  epoch: number | null;
  /** The architecture the source package was built on (rpm's ARCH tag). */
  arch: string | null;
  /** What the header claims; the payload is decoded by its magic bytes. */
  payloadCompressor: string | null;
  payloadFormat: string | null;
  /** Every file of the package, in header order, as full paths (plain names in a source RPM). */
  fileNames: string[];
  /** Per file, aligned with fileNames; empty when the header has none. */
  fileSizes: number[];
  fileFlags: number[];
  /** The Source and Patch file names as rpm expanded them when building the package. */
  sources: string[];
  patches: string[];
  /** Source and Patch numbers declared NoSource/NoPatch, whose files are not in the package. */
  noSource: number[];
  noPatch: number[];
}

export interface SrpmContents {
  header: SrpmHeader;
  /** The spec's file name in the package (no directory). */
  specFileName: string;
  specBytes: Uint8Array;
  /** The payload's compression as found from its magic bytes. */
  payloadCompression: PayloadCompression;
  /** The file names the package carries (no directories), to check every SourceN/PatchN against. */
  payloadFileNames: string[];
}

export interface ReadSrpmOptions {
  limits?: Partial<SrpmLimits>;
  /** The file's length when known in advance, so declared sizes can be checked before reading. */
  knownSize?: number;
}

/** Reads a source RPM from a byte stream, which it stops (returns) once the spec has been read. */
export async function readSrpm(
  bytes: AsyncIterable<Uint8Array> | Uint8Array,
  options: ReadSrpmOptions = {},
): Promise<SrpmContents> {
  const chunks = bytes instanceof Uint8Array ? singleChunk(bytes) : bytes;
  const knownSize = bytes instanceof Uint8Array ? bytes.length : options.knownSize;
  return readSrpmFrom(new ByteReader(chunks, "file", knownSize), options.limits);
}

/** Reads a source RPM from a reader positioned at its first byte, and closes the reader. */
export async function readSrpmFrom(
  file: ByteReader,
  partialLimits: Partial<SrpmLimits> = {},
): Promise<SrpmContents> {
  const limits = { ...DEFAULT_SRPM_LIMITS, ...partialLimits };
  try {
    await readLead(file);
    await readHeaderStructure(file, "signature header", limits.maxHeaderBytes);
    await skipSignaturePadding(file);
    const headerOffset = file.offset;
    const main = await readHeaderStructure(file, "main header", limits.maxHeaderBytes);
    const header = packageHeader(main, headerOffset);
    const specFileName = findSpecFileName(header, headerOffset);
    const payloadOffset = file.offset;
    const head = await file.peek(COMPRESSION_MAGIC_LENGTH);
    const compression = detectCompression(head);
    if (compression === undefined) {
      throw malformed(
        "the payload",
        { offset: payloadOffset, region: "file" },
        describeUnknownCompression(head, header.payloadCompressor ?? undefined),
      );
    }
    const payload = decompressPayload(compression, file.remaining(), {
      maxOutputBytes: limits.maxPayloadBytes,
      maxZstdWindowBytes: limits.maxZstdWindowBytes,
      fileOffset: payloadOffset,
    });
    const specBytes = await readSpecEntry(payload, header, specFileName, limits.maxSpecBytes);
    return {
      header,
      specFileName,
      specBytes,
      payloadCompression: compression,
      payloadFileNames: header.fileNames.map(baseName),
    };
  } finally {
    await file.close();
  }
}

async function* singleChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function packageHeader(main: HeaderStructure, headerOffset: number): SrpmHeader {
  const required = (tag: number, label: string): string => {
    const value = main.string(tag);
    if (value === undefined) {
      throw malformed("the main header", { offset: headerOffset, region: "file" }, `expected a ${label} tag`);
    }
    return value;
  };
  const fileNames = headerFileNames(main, headerOffset);
  // Headers of very old packages may lack sizes or flags; without flags no file is the flagged spec.
  const fileSizes = main.numbers(Tag.longFileSizes) ?? main.numbers(Tag.fileSizes) ?? [];
  const fileFlags = main.numbers(Tag.fileFlags) ?? [];
  for (const [label, values] of [
    ["file sizes", fileSizes],
    ["file flags", fileFlags],
  ] as const) {
    if (values.length > 0 && values.length !== fileNames.length) {
      throw malformed(
        "the main header",
        { offset: headerOffset, region: "file" },
        `expected ${fileNames.length} ${label}, one per file, found ${values.length}`,
      );
    }
  }
  return {
    name: required(Tag.name, "NAME"),
    version: required(Tag.version, "VERSION"),
    release: required(Tag.release, "RELEASE"),
    epoch: main.numbers(Tag.epoch)?.[0] ?? null,
    arch: main.string(Tag.arch) ?? null,
    payloadCompressor: main.string(Tag.payloadCompressor) ?? null,
    payloadFormat: main.string(Tag.payloadFormat) ?? null,
    fileNames,
    fileSizes,
    fileFlags,
    sources: main.strings(Tag.source) ?? [],
    patches: main.strings(Tag.patch) ?? [],
    noSource: main.numbers(Tag.noSource) ?? [],
    noPatch: main.numbers(Tag.noPatch) ?? [],
  };
}

/** File paths from BASENAMES + DIRNAMES + DIRINDEXES, or the older OLDFILENAMES. */
function headerFileNames(main: HeaderStructure, headerOffset: number): string[] {
  const baseNames = main.strings(Tag.baseNames);
  if (baseNames === undefined) return main.strings(Tag.oldFileNames) ?? [];
  const dirNames = main.strings(Tag.dirNames) ?? [];
  const dirIndexes = main.numbers(Tag.dirIndexes) ?? [];
  if (dirIndexes.length !== baseNames.length) {
    throw malformed(
      "the main header",
      { offset: headerOffset, region: "file" },
      `expected ${baseNames.length} directory indexes, one per file, found ${dirIndexes.length}`,
    );
  }
  return baseNames.map((baseName, index) => {
    const dirName = dirNames[dirIndexes[index] as number];
    if (dirName === undefined) {
      throw malformed(
        "the main header",
        { offset: headerOffset, region: "file" },
        `file ${baseName} points at directory ${dirIndexes[index]}, but there are ${dirNames.length}`,
      );
    }
    return dirName + baseName;
  });
}

/** The file flagged as the spec, else the one `*.spec` file. */
function findSpecFileName(header: SrpmHeader, headerOffset: number): string {
  const flagged = header.fileNames.filter(
    (_, index) => ((header.fileFlags[index] ?? 0) & RPMFILE_SPECFILE) !== 0,
  );
  const candidates =
    flagged.length > 0 ? flagged : header.fileNames.filter((name) => name.endsWith(".spec"));
  if (candidates.length === 1) return baseName(candidates[0] as string);
  const location = { offset: headerOffset, region: "file" } as const;
  if (candidates.length === 0) {
    throw malformed("the main header", location, "no file is flagged as the spec file or named *.spec");
  }
  throw malformed(
    "the main header",
    location,
    `expected one spec file, found ${candidates.length}: ${candidates.join(", ")}`,
  );
}

async function readSpecEntry(
  payload: AsyncGenerator<Uint8Array>,
  header: SrpmHeader,
  specFileName: string,
  maxSpecBytes: number,
): Promise<Uint8Array> {
  const reader = new ByteReader(payload, "payload");
  const archive = new CpioReader(reader, { names: header.fileNames, sizes: header.fileSizes });
  try {
    for (let entry = await archive.next(); entry !== null; entry = await archive.next()) {
      if (baseName(entry.name) !== specFileName) continue;
      if (!isRegularFile(entry.mode)) {
        throw new SubmissionError(
          `${specFileName} in the payload is not a regular file (mode ${entry.mode.toString(8)})`,
          { offset: entry.offset, region: "payload" },
        );
      }
      return await archive.readData(entry, maxSpecBytes);
    }
    throw new SubmissionError(
      `the payload ends without ${specFileName}, which the header lists` +
        ` (after ${formatByteSize(reader.offset)} of decompressed data)`,
      { offset: reader.offset, region: "payload" },
    );
  } finally {
    await reader.close();
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
