/**
 * The source RPM reader on packages built byte by byte here, so it is tested without rpmbuild,
 * including corruptions and bombs that rpmbuild would never produce.
 */
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readSrpm } from "../../src/review/srpm/srpm.js";
import { SubmissionError } from "../../src/review/submission-error.js";
import {
  SPECFILE_FLAG,
  TYPE,
  buildSrpm,
  concat,
  cpioArchive,
  cpioEntryHeader,
  mainHeaderOffset,
  strippedCpioArchive,
  zstdRleBomb,
  zstdStoredFrame,
} from "./helpers/srpm-builder.js";

const SPEC = "Name: python-example\nVersion: 1.0\nRelease: 1\n";
const TARBALL = new Uint8Array(3000).map((_, index) => (index * 7) % 251);

const standardFiles = [
  { name: "example-1.0.tar.gz", data: TARBALL },
  { name: "fix-build.patch", data: "--- a\n+++ b\n" },
  { name: "python-example.spec", data: SPEC, flags: SPECFILE_FLAG },
];

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function readError(bytes: Uint8Array, limits = {}): Promise<SubmissionError> {
  try {
    await readSrpm(bytes, { limits });
  } catch (error) {
    expect(error).toBeInstanceOf(SubmissionError);
    return error as SubmissionError;
  }
  throw new Error("expected readSrpm to fail");
}

function hasProgram(command: string): boolean {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).status === 0;
}

describe("readSrpm on hand-built packages", () => {
  it("reads the header and the flagged spec from a gzip payload", async () => {
    const contents = await readSrpm(buildSrpm({ files: standardFiles, epoch: 2 }));
    expect(contents.header).toMatchObject({
      name: "python-example",
      version: "1.0",
      release: "1",
      epoch: 2,
      payloadCompressor: "gzip",
      payloadFormat: "cpio",
      fileNames: ["example-1.0.tar.gz", "fix-build.patch", "python-example.spec"],
      fileSizes: [3000, 12, SPEC.length],
      fileFlags: [0, 0, SPECFILE_FLAG],
    });
    expect(contents.specFileName).toBe("python-example.spec");
    expect(text(contents.specBytes)).toBe(SPEC);
    expect(contents.payloadCompression).toBe("gzip");
    expect(contents.payloadFileNames).toEqual(["example-1.0.tar.gz", "fix-build.patch", "python-example.spec"]);
  });

  it("reads a stream of small chunks the same as one buffer", async () => {
    const bytes = buildSrpm({ files: standardFiles });
    async function* trickle() {
      for (let start = 0; start < bytes.length; start += 7) yield bytes.subarray(start, start + 7);
    }
    const contents = await readSrpm(trickle());
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it("stops reading the file once the spec entry has been read", async () => {
    const bytes = buildSrpm({
      files: [
        { name: "a.spec", data: SPEC, flags: SPECFILE_FLAG },
        { name: "z-1.0.tar.gz", data: new Uint8Array(200_000) },
      ],
      compress: (archive) => archive,
    });
    let delivered = 0;
    let closed = false;
    async function* chunks() {
      try {
        for (let start = 0; start < bytes.length; start += 4096) {
          delivered = start + 4096;
          yield bytes.subarray(start, start + 4096);
        }
      } finally {
        closed = true;
      }
    }
    await readSrpm(chunks());
    expect(delivered).toBeLessThan(20_000);
    expect(closed).toBe(true);
  });

  it("reads an uncompressed payload", async () => {
    const contents = await readSrpm(buildSrpm({ files: standardFiles, compress: (archive) => archive }));
    expect(contents.payloadCompression).toBe("none");
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it("reads a zstd payload with fzstd", async () => {
    const contents = await readSrpm(buildSrpm({ files: standardFiles, compress: (archive) => zstdStoredFrame(archive) }));
    expect(contents.payloadCompression).toBe("zstd");
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it("reads 070702 (checksummed) entries", async () => {
    const archive = cpioArchive(standardFiles, "070702");
    const contents = await readSrpm(buildSrpm({ files: standardFiles, archive }));
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it("reads stripped 07070X entries using the header's names and sizes", async () => {
    const files = [
      { name: "example-1.0.tar.gz", data: TARBALL },
      { name: "python-example.spec", data: SPEC, flags: SPECFILE_FLAG },
    ];
    const contents = await readSrpm(buildSrpm({ files, archive: strippedCpioArchive(files) }));
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it("takes the one *.spec file when no file carries the spec flag", async () => {
    const files = standardFiles.map(({ name, data }) => ({ name, data }));
    const contents = await readSrpm(buildSrpm({ files }));
    expect(contents.specFileName).toBe("python-example.spec");
  });

  it("takes the one *.spec file when the header has no FILEFLAGS at all", async () => {
    const contents = await readSrpm(buildSrpm({ files: standardFiles, omitTags: [1037] }));
    expect(contents.header.fileFlags).toEqual([]);
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it("reads file names from OLDFILENAMES when BASENAMES is absent", async () => {
    const files = [{ name: "old.spec", data: SPEC, flags: SPECFILE_FLAG }];
    const bytes = buildSrpm({
      files,
      omitTags: [1116, 1117, 1118],
      extraEntries: [{ tag: 1027, type: TYPE.stringArray, value: ["old.spec"] }],
    });
    const contents = await readSrpm(bytes);
    expect(contents.header.fileNames).toEqual(["old.spec"]);
  });

  it.skipIf(!hasProgram("xz"))("reads an xz payload through the xz program", async () => {
    const compress = (archive: Uint8Array) =>
      new Uint8Array(spawnSync("xz", ["--compress", "--stdout", "--format=xz"], { input: archive }).stdout);
    const contents = await readSrpm(buildSrpm({ files: standardFiles, compress }));
    expect(contents.payloadCompression).toBe("xz");
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it.skipIf(!hasProgram("xz"))("reads an lzma payload through the xz program", async () => {
    const compress = (archive: Uint8Array) =>
      new Uint8Array(spawnSync("xz", ["--compress", "--stdout", "--format=lzma"], { input: archive }).stdout);
    const contents = await readSrpm(buildSrpm({ files: standardFiles, compress }));
    expect(contents.payloadCompression).toBe("lzma");
    expect(text(contents.specBytes)).toBe(SPEC);
  });

  it.skipIf(!hasProgram("bzip2"))("reads a bzip2 payload through the bzip2 program", async () => {
    const compress = (archive: Uint8Array) =>
      new Uint8Array(spawnSync("bzip2", ["--compress", "--stdout"], { input: archive }).stdout);
    const contents = await readSrpm(buildSrpm({ files: standardFiles, compress }));
    expect(contents.payloadCompression).toBe("bzip2");
    expect(text(contents.specBytes)).toBe(SPEC);
  });
});

function withBytes(bytes: Uint8Array, offset: number, replacement: readonly number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(replacement, offset);
  return copy;
}

function uint32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

const MiB = 1024 * 1024;

/** A cpio archive start claiming a 4 GiB file, then gzip members of zeros: tiny, inflates forever. */
function gzipBomb(mebibytes: number): Uint8Array {
  const zeros = gzipSync(new Uint8Array(MiB));
  return concat([gzipSync(cpioEntryHeader("aaa-1.0.tar.gz", 0xffffffff)), ...Array<Uint8Array>(mebibytes).fill(zeros)]);
}

const bombFiles = [
  { name: "aaa-1.0.tar.gz", data: "" },
  { name: "python-example.spec", data: SPEC, flags: SPECFILE_FLAG },
];

describe("readSrpm refuses malformed and hostile packages", () => {
  const good = buildSrpm({ files: standardFiles });
  const headerStart = mainHeaderOffset();

  it("reports a wrong lead magic at byte 0", async () => {
    const error = await readError(withBytes(good, 0, [0x7f, 0x45, 0x4c, 0x46]));
    expect(error.offset).toBe(0);
    expect(error.region).toBe("file");
    expect(error.message).toBe(
      "not an RPM package: the lead at byte 0 of the file: expected magic ed ab ee db, found 7f 45 4c 46",
    );
  });

  it("reports a binary RPM", async () => {
    const error = await readError(buildSrpm({ files: standardFiles, leadType: 0 }));
    expect(error.offset).toBe(6);
    expect(error.message).toContain("expected a source RPM (type 1), found a binary RPM");
  });

  it("reports a wrong header magic with its offset", async () => {
    const error = await readError(withBytes(good, headerStart, [1, 2, 3, 4]));
    expect(error.offset).toBe(headerStart);
    expect(error.message).toContain("expected header magic 8e ad e8 01, found 01 02 03 04");
  });

  it("reports a file truncated inside the lead", async () => {
    const error = await readError(good.subarray(0, 50));
    expect(error.offset).toBe(0);
    expect(error.message).toBe(
      "expected the 96-byte RPM lead (96 bytes) at byte 0 of the file, but the file ends at byte 50 (truncated?)",
    );
  });

  it("rejects every truncation before the spec entry with a SubmissionError", async () => {
    let failures = 0;
    for (let length = 0; length < good.length; length++) {
      try {
        const contents = await readSrpm(good.subarray(0, length));
        // The reader stops at the spec entry, so a file cut after it still reads completely.
        expect(text(contents.specBytes)).toBe(SPEC);
      } catch (error) {
        expect(error).toBeInstanceOf(SubmissionError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(good.length - 100);
  });

  it("turns every random corruption into a SubmissionError or a correct read", async () => {
    let seed = 20250106;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * below);
    };
    const packages = [
      good,
      buildSrpm({ files: standardFiles, compress: (archive) => zstdStoredFrame(archive) }),
      buildSrpm({ files: standardFiles, compress: (archive) => archive }),
    ];
    for (const original of packages) {
      for (let round = 0; round < 250; round++) {
        const bytes = original.slice();
        for (let change = random(4); change >= 0; change--) {
          const value = [0x00, 0xff, 0x7f, random(256)][random(4)] as number;
          const at = random(bytes.length);
          bytes.fill(value, at, at + (random(2) === 0 ? 1 : 4));
        }
        try {
          const contents = await readSrpm(bytes);
          expect(contents.payloadFileNames).toContain(contents.specFileName);
        } catch (error) {
          expect(error).toBeInstanceOf(SubmissionError);
        }
      }
    }
  });

  it("checks a corrupt header entry count before allocating anything", async () => {
    const error = await readError(withBytes(good, headerStart + 8, uint32(0x00ffffff)));
    expect(error.offset).toBe(headerStart + 8);
    expect(error.message).toContain("expected between 1 and 65535 index entries, found 16777215");
  });

  it("checks a header entry count against the file size", async () => {
    const error = await readError(withBytes(good, headerStart + 8, uint32(60_000)));
    expect(error.offset).toBe(headerStart + 16);
    expect(error.message).toMatch(/index entries and store \(\d+(\.\d)? [KM]iB\) at byte \d+ of the file, but the file ends/);
  });

  it("checks a header store size against the header limit", async () => {
    const error = await readError(withBytes(good, headerStart + 12, uint32(0x7fffffff)));
    expect(error.offset).toBe(headerStart + 8);
    expect(error.message).toContain("exceed the 32 MiB limit for a header");
  });

  it("reports an index entry pointing outside the store", async () => {
    const firstEntry = headerStart + 16;
    const error = await readError(withBytes(good, firstEntry + 8, uint32(0x00100000)));
    expect(error.offset).toBe(firstEntry + 8);
    expect(error.message).toMatch(/index entry for tag 1000 at byte \d+ of the file: data offset 1048576 lies outside/);
  });

  it("reports a string that runs off the end of the store", async () => {
    const bytes = buildSrpm({
      files: standardFiles,
      extraEntries: [{ tag: 1125, type: TYPE.string, value: new TextEncoder().encode("gzip") }],
    });
    const error = await readError(bytes);
    expect(error.message).toContain("main header tag 1125");
    expect(error.message).toContain("to end with a NUL byte before the store ends");
  });

  it("reports an unknown payload compression with its first bytes", async () => {
    const error = await readError(buildSrpm({ files: standardFiles, compress: () => new TextEncoder().encode("PK\x03\x04zip!") }));
    expect(error.message).toContain("the payload starts with 50 4b 03 04 7a 69");
    expect(error.message).toContain('(the header says "gzip")');
  });

  it("reports a corrupt gzip stream", async () => {
    const payload = gzipSync(cpioArchive(standardFiles));
    payload.fill(0xff, 20, 60);
    const error = await readError(buildSrpm({ files: standardFiles, compress: () => payload }));
    expect(error.message).toMatch(/^the gzip payload is corrupt after \d+ decompressed bytes: /);
  });

  it("reports a bad cpio entry magic with its payload offset", async () => {
    const archive = new TextEncoder().encode("070707 odc archives are not what rpm writes");
    const error = await readError(buildSrpm({ files: standardFiles, archive }));
    expect(error.region).toBe("payload");
    expect(error.offset).toBe(0);
    expect(error.message).toContain('expected an entry magic 070701, 070702 or 07070X, found "070707"');
  });

  it("reports a spec listed in the header but missing from the payload", async () => {
    const archive = cpioArchive(standardFiles.slice(0, 2));
    const error = await readError(buildSrpm({ files: standardFiles, archive }));
    expect(error.message).toContain("the payload ends without python-example.spec, which the header lists");
  });

  it("refuses to guess between two unflagged spec files", async () => {
    const files = [
      { name: "one.spec", data: SPEC },
      { name: "two.spec", data: SPEC },
    ];
    const error = await readError(buildSrpm({ files }));
    expect(error.message).toContain("expected one spec file, found 2: one.spec, two.spec");
  });

  it("refuses a spec entry that is not a regular file", async () => {
    const files = [{ name: "link.spec", data: "target.spec", mode: 0o120777, flags: SPECFILE_FLAG }];
    const error = await readError(buildSrpm({ files }));
    expect(error.message).toContain("link.spec in the payload is not a regular file (mode 120777)");
  });

  it("refuses a spec larger than the spec limit without reading it", async () => {
    const error = await readError(buildSrpm({ files: standardFiles }), { maxSpecBytes: 10 });
    expect(error.message).toContain("python-example.spec is 45 bytes, more than the 10 bytes limit for a spec file");
  });

  it("stops a gzip bomb at the payload limit", async () => {
    const bytes = buildSrpm({ files: bombFiles, compress: () => gzipBomb(40) });
    expect(bytes.length).toBeLessThan(60_000);
    const error = await readError(bytes, { maxPayloadBytes: 16 * MiB });
    expect(error.message).toBe(
      "the payload decompresses to more than the 16 MiB limit before its spec file is reached " +
        "(a decompression bomb, or a package that needs a higher limit)",
    );
  });

  it("stops a gzip bomb at the default payload limit", async () => {
    const error = await readError(buildSrpm({ files: bombFiles, compress: () => gzipBomb(520) }));
    expect(error.message).toContain("more than the 512 MiB limit");
  });

  it("stops a zstd bomb of RLE blocks at the payload limit", async () => {
    const bomb = zstdRleBomb(cpioEntryHeader("aaa-1.0.tar.gz", 0xffffffff), 1000);
    expect(bomb.length).toBeLessThan(5000);
    const error = await readError(buildSrpm({ files: bombFiles, compress: () => bomb }), { maxPayloadBytes: 16 * MiB });
    expect(error.message).toContain("more than the 16 MiB limit");
  });

  it("refuses a zstd frame declaring a window above the limit before decoding it", async () => {
    const bytes = buildSrpm({ files: standardFiles, compress: (archive) => zstdStoredFrame(archive, 0x90) });
    const error = await readError(bytes);
    expect(error.message).toContain("the zstd frame declares a 256 MiB window, more than the 128 MiB limit");
    expect(error.region).toBe("file");
  });

  it("reports a truncated zstd payload", async () => {
    const frame = zstdStoredFrame(cpioArchive(standardFiles));
    const bytes = buildSrpm({ files: standardFiles, compress: () => frame.subarray(0, 200) });
    const error = await readError(bytes);
    expect(error.message).toBe("the zstd payload ends early, after 0 decompressed bytes (truncated file?)");
  });

  it("reports a truncated gzip payload", async () => {
    const payload = gzipSync(cpioArchive(standardFiles));
    const bytes = buildSrpm({ files: standardFiles, compress: () => payload.subarray(0, payload.length - 300) });
    const error = await readError(bytes);
    expect(error.message).toMatch(/^the gzip payload ends early, after \d+ decompressed bytes \(truncated file\?\)$/);
  });

  it("explains how to go on when the xz program is missing", async () => {
    const xzMagic = Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]);
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const error = await readError(buildSrpm({ files: standardFiles, compress: () => xzMagic }));
      expect(error.message).toContain("needs the `xz` program, which is not installed");
      expect(error.message).toContain("rpm2cpio");
    } finally {
      process.env.PATH = path;
    }
  });

  it.skipIf(!hasProgram("xz"))("reports a corrupt xz payload with xz's own words", async () => {
    const garbage = Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]);
    const error = await readError(buildSrpm({ files: standardFiles, compress: () => garbage }));
    expect(error.message).toMatch(/^xz could not decompress the xz\/lzma payload: /);
  });
});
