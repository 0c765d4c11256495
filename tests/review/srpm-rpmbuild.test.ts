/**
 * The source RPM reader on packages built by rpmbuild from specs-corpus/_review, one per payload
 * compressor, checked against what rpm itself reports. Needs Debian's `rpm` package; without it
 * these tests are skipped and say why.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PayloadCompression } from "../../src/review/srpm/decompress.js";
import { RPMFILE_SPECFILE, readSrpm } from "../../src/review/srpm/srpm.js";
import { SubmissionError } from "../../src/review/submission-error.js";

const SPEC_PATH = fileURLToPath(new URL("../../specs-corpus/_review/python-srpmreader.spec", import.meta.url));

function works(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

const hasRpmbuild = works("rpmbuild", ["--version"]) && works("rpm", ["--version"]);
const skipReason = hasRpmbuild ? "" : " [skipped: rpmbuild is not installed; apt-get install rpm]";
if (!hasRpmbuild) console.warn(`tests/review/srpm-rpmbuild.test.ts:${skipReason}`);

const PAYLOADS: ReadonlyArray<{ macro: string; compression: PayloadCompression; needs?: string }> = [
  { macro: "w9.gzdio", compression: "gzip" },
  { macro: "w19.zstdio", compression: "zstd" },
  { macro: "w6.xzdio", compression: "xz", needs: "xz" },
  { macro: "w6.lzdio", compression: "lzma", needs: "xz" },
  { macro: "w9.bzdio", compression: "bzip2", needs: "bzip2" },
  { macro: "w.ufdio", compression: "none" },
];

const SOURCES: Record<string, Uint8Array | string> = {
  "srpmreader-2.4.1.tar.gz": gzipSync(new TextEncoder().encode("pretend tarball\n".repeat(5000))),
  "srpmreader-notes.txt": "Notes shipped as Source1.\n",
  "0001-fix-imports.patch": "--- a/srpmreader/__init__.py\n+++ b/srpmreader/__init__.py\n",
  "0002-drop-deprecated-api.patch": "--- a/srpmreader/api.py\n+++ b/srpmreader/api.py\n",
};

let topdir = "";
const built = new Map<string, string>();

function rpmQuery(file: string, format: string): string {
  const result = spawnSync("rpm", ["-qp", "--qf", format, file], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`rpm -qp failed: ${result.stderr}`);
  return result.stdout;
}

describe.skipIf(!hasRpmbuild)(`readSrpm on packages built by rpmbuild${skipReason}`, () => {
  beforeAll(() => {
    topdir = mkdtempSync(join(tmpdir(), "rpmspec-lint-srpm-"));
    mkdirSync(join(topdir, "SOURCES"));
    for (const [name, data] of Object.entries(SOURCES)) writeFileSync(join(topdir, "SOURCES", name), data);
    for (const { macro } of PAYLOADS) {
      const output = join(topdir, macro);
      const result = spawnSync(
        "rpmbuild",
        [
          "-bs",
          "--define",
          `_topdir ${topdir}`,
          "--define",
          `_srcrpmdir ${output}`,
          "--define",
          `_source_payload ${macro}`,
          SPEC_PATH,
        ],
        { encoding: "utf8" },
      );
      if (result.status !== 0) throw new Error(`rpmbuild failed for ${macro}: ${result.stderr}`);
      const [file] = readdirSync(output);
      built.set(macro, join(output, file as string));
    }
  });

  afterAll(() => {
    if (topdir !== "") rmSync(topdir, { recursive: true, force: true });
  });

  for (const { macro, compression, needs } of PAYLOADS) {
    const missing = needs !== undefined && !works(needs, ["--version"]);
    const title = `reads a ${compression} payload (${macro}) as rpm does` + (missing ? ` [skipped: ${needs} is not installed]` : "");
    it.skipIf(missing)(title, async () => {
      const file = built.get(macro) as string;
      const contents = await readSrpm(readFileSync(file));
      expect(contents.payloadCompression).toBe(compression);
      expect(contents.specFileName).toBe("python-srpmreader.spec");
      expect(Buffer.from(contents.specBytes).equals(readFileSync(SPEC_PATH))).toBe(true);

      const [name, epoch, version, release, compressor] = rpmQuery(
        file,
        "%{NAME}\\n%{EPOCH}\\n%{VERSION}\\n%{RELEASE}\\n%{PAYLOADCOMPRESSOR}",
      ).split("\n");
      expect(contents.header).toMatchObject({ name, epoch: Number(epoch), version, release });
      expect(contents.header.payloadCompressor ?? "(none)").toBe(compressor);
      expect(contents.header.fileNames).toEqual(rpmQuery(file, "[%{FILENAMES}\\n]").trim().split("\n"));
      expect(contents.header.fileSizes).toEqual(rpmQuery(file, "[%{FILESIZES}\\n]").trim().split("\n").map(Number));
      expect(contents.header.sources.sort()).toEqual(["srpmreader-2.4.1.tar.gz", "srpmreader-notes.txt"]);
      expect(contents.header.patches.sort()).toEqual(["0001-fix-imports.patch", "0002-drop-deprecated-api.patch"]);
      expect(contents.payloadFileNames.sort()).toEqual([...Object.keys(SOURCES), "python-srpmreader.spec"].sort());
      const specIndex = contents.header.fileNames.indexOf("python-srpmreader.spec");
      expect((contents.header.fileFlags[specIndex] ?? 0) & RPMFILE_SPECFILE).toBe(RPMFILE_SPECFILE);
    });
  }

  it("rejects the package cut inside its headers or early in its payload", async () => {
    const bytes = readFileSync(built.get("w9.gzdio") as string);
    const payloadStart = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), 96);
    expect(payloadStart).toBeGreaterThan(96);
    for (const length of [60, 200, payloadStart - 10, payloadStart + 20]) {
      await expect(readSrpm(bytes.subarray(0, length))).rejects.toBeInstanceOf(SubmissionError);
    }
  });
});
