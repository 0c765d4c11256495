/**
 * The cpio archive inside an RPM payload, read entry by entry.
 *
 * rpm writes SVR4 "newc" entries: the magic `070701` (or `070702` with checksums), 13 fields of 8
 * hex digits, the NUL-terminated name padded so the data starts on a 4-byte boundary, then the
 * data padded to 4 bytes. The archive ends with an entry named `TRAILER!!!`. When a package has a
 * file of 4 GiB or more, rpm writes "stripped" entries instead (`07070X` and the file's index in
 * the header); their name and size come from the header.
 */
import { SubmissionError, formatByteSize, malformed } from "../submission-error.js";
import type { ByteReader } from "./byte-reader.js";

const NEWC_HEADER_SIZE = 110;
const MAGIC_SIZE = 6;
const TRAILER_NAME = "TRAILER!!!";
/** Longer names are not paths any system would write; refusing them bounds the allocation. */
const MAX_NAME_SIZE = 4096;

const FILE_TYPE_MASK = 0o170000;
const REGULAR_FILE = 0o100000;

export interface CpioEntry {
  name: string;
  mode: number;
  size: number;
  /** Offset of the entry's header in the decompressed payload. */
  offset: number;
}

/** Per-file names and sizes from the main header, needed to read stripped entries. */
export interface HeaderFileTable {
  names: readonly string[];
  sizes: readonly number[];
}

const ascii = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

export class CpioReader {
  /** Bytes of the current entry's data (and its padding) not yet consumed. */
  private unreadData = 0;
  private unreadPadding = 0;

  constructor(
    private readonly reader: ByteReader,
    private readonly files: HeaderFileTable,
  ) {}

  /** The next entry, after skipping whatever remains of the current one; null after the trailer. */
  async next(): Promise<CpioEntry | null> {
    await this.skipRestOfEntry();
    const offset = this.reader.offset;
    const magic = ascii.decode(await this.reader.read(MAGIC_SIZE, "a cpio entry header"));
    let entry: CpioEntry | null;
    if (magic === "070701" || magic === "070702") {
      entry = await this.readNewcEntry(offset);
    } else if (magic === "07070X") {
      entry = await this.readStrippedEntry(offset);
    } else {
      throw malformed(
        "the cpio archive",
        { offset, region: this.reader.region },
        `expected an entry magic 070701, 070702 or 07070X, found ${JSON.stringify(magic)}`,
      );
    }
    if (entry !== null) {
      this.unreadData = entry.size;
      this.unreadPadding = padding(entry.size);
    }
    return entry;
  }

  /** The current entry's data, refused beyond `maxBytes` before anything is read. */
  async readData(entry: CpioEntry, maxBytes: number): Promise<Uint8Array> {
    if (entry.size > maxBytes) {
      throw new SubmissionError(
        `${entry.name} is ${formatByteSize(entry.size)}, more than the ` +
          `${formatByteSize(maxBytes)} limit for a spec file`,
        { offset: entry.offset, region: this.reader.region },
      );
    }
    const data = await this.reader.read(entry.size, `the data of ${entry.name}`);
    this.unreadData = 0;
    // A copy, so the caller does not keep the whole decompressed chunk alive through a view.
    return data.slice();
  }

  private async skipRestOfEntry(): Promise<void> {
    if (this.unreadData + this.unreadPadding > 0) {
      await this.reader.skip(this.unreadData + this.unreadPadding, "the rest of a cpio entry");
    }
    this.unreadData = 0;
    this.unreadPadding = 0;
  }

  private async readNewcEntry(offset: number): Promise<CpioEntry | null> {
    const fieldText = ascii.decode(
      await this.reader.read(NEWC_HEADER_SIZE - MAGIC_SIZE, "the fields of a cpio entry header"),
    );
    const field = (index: number, name: string) =>
      this.hexField(fieldText, index, name, offset + MAGIC_SIZE);
    const mode = field(1, "mode");
    const size = field(6, "file size");
    const nameSize = field(11, "name size");
    if (nameSize < 2 || nameSize > MAX_NAME_SIZE) {
      throw malformed(
        "the cpio entry header",
        { offset: offset + MAGIC_SIZE + 11 * 8, region: this.reader.region },
        `expected a name size from 2 to ${MAX_NAME_SIZE}, found ${nameSize}`,
      );
    }
    const nameOffset = this.reader.offset;
    const nameBytes = await this.reader.read(nameSize, "a cpio entry name");
    if (nameBytes[nameSize - 1] !== 0 || nameBytes.indexOf(0) !== nameSize - 1) {
      throw malformed(
        "the cpio entry name",
        { offset: nameOffset, region: this.reader.region },
        `expected ${nameSize - 1} non-NUL bytes followed by one NUL byte`,
      );
    }
    const name = utf8.decode(nameBytes.subarray(0, nameSize - 1));
    await this.skipPadding("the padding after a cpio entry name");
    if (name === TRAILER_NAME) return null;
    return { name: normalizeArchivePath(name), mode, size, offset };
  }

  private async readStrippedEntry(offset: number): Promise<CpioEntry | null> {
    const indexText = ascii.decode(await this.reader.read(8, "the file index of a stripped cpio entry"));
    const fileIndex = this.hexField(indexText, 0, "file index", offset + MAGIC_SIZE);
    const name = this.files.names[fileIndex];
    const size = this.files.sizes[fileIndex];
    if (name === undefined || size === undefined) {
      const problem =
        name === undefined
          ? `file index ${fileIndex} is not among the header's ${this.files.names.length} files`
          : "the header gives no file sizes, which stripped entries need";
      throw malformed("the stripped cpio entry", { offset: offset + MAGIC_SIZE, region: this.reader.region }, problem);
    }
    await this.skipPadding("the padding after a stripped cpio entry");
    return { name: normalizeArchivePath(name), mode: REGULAR_FILE, size, offset };
  }

  private hexField(text: string, index: number, name: string, fieldsOffset: number): number {
    const digits = text.slice(index * 8, index * 8 + 8);
    if (!/^[0-9a-fA-F]{8}$/.test(digits)) {
      throw malformed(
        "the cpio entry header",
        { offset: fieldsOffset + index * 8, region: this.reader.region },
        `expected 8 hex digits for the ${name}, found ${JSON.stringify(digits)}`,
      );
    }
    return Number.parseInt(digits, 16);
  }

  private async skipPadding(what: string): Promise<void> {
    const bytes = padding(this.reader.offset);
    if (bytes > 0) await this.reader.skip(bytes, what);
  }
}

export function isRegularFile(mode: number): boolean {
  return (mode & FILE_TYPE_MASK) === REGULAR_FILE;
}

function padding(length: number): number {
  return (4 - (length % 4)) % 4;
}

/** Archive paths may start with `./` or `/`; source RPMs hold plain file names. */
function normalizeArchivePath(path: string): string {
  return path.replace(/^(?:\.?\/)+/, "");
}
