/**
 * Hostile and broken input: random bytes and spec-token soup, truncated and mangled real specs,
 * pathological nesting and sizes, NUL bytes, invalid UTF-8, a BOM with CRLF. Every input must
 * survive the whole library (see harness.ts); seeds are fixed, so a failure reproduces.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixSpec, lintSpec } from "../../src/index.js";
import { encodeSpecText } from "../../src/text/decode.js";
import { CORPUS, CORPUS_PRESENT, corpusSample, encode, PROJECT, randomSequence, survey } from "./harness.js";

/** Fragments that steer random input into the parser's and evaluator's interesting paths. */
const FRAGMENTS = [
  "\n", "\n", "\n", " ", "\t", "\r\n", "\\\n", "%", "%%", "%{", "}", "%(", ")", "%[", "]", "%{?", "%{!?", ":", "?",
  "%{lua:", "%global ", "%define ", "%undefine ", "%bcond ", "%bcond_with ", "%{with ", "%if ", "%if 0%{?fedora}",
  "%elif ", "%else", "%endif", "%ifarch ", "%ifnarch ", "%{expand:", "%{load:", "%include ", "%dnl ", "Name: ",
  "Version: ", "Release: ", "Summary: ", "License: ", "Requires: ", "BuildRequires: ", "Provides: ", "Source0: ",
  "Patch1: ", "BuildArch: ", "BuildSystem: ", "(", " and ", " or ", " if ", " >= ", " = ", ",", "python3-foo",
  "python3dist(foo)", "%{python3_sitelib}", "%{py3_dist foo}", "%pyproject_extras_subpkg -n python3-foo bar",
  "%package ", "-n ", "%description", "%prep", "%build", "%install", "%check", "%files", "%changelog",
  "%post", "%generate_buildrequires", "%pyproject_buildrequires", "%pyproject_save_files -l foo", "%autosetup -p1",
  "#!/usr/bin/python", "sed -i '1s|^#!.*|#!%{python3}|' x", "<<EOF\n", "EOF", "$(", "`", "'", '"', "&&", "||", ";",
  "* Mon Jan 01 2024 A <a@b> - 1-1", "- entry", "%doc ", "%license ", "%dir ", "%exclude ", "%attr(644,root,root) ",
  "# rpmspec-lint: disable=", "forbidden-tag", "\u00e9", "\u{1f600}", "\0", "\ufeff",
];

function tokenSoup(seed: number): string {
  const next = randomSequence(seed);
  const parts: string[] = [];
  const length = 1 + next(300);
  for (let index = 0; index < length; index++) parts.push(FRAGMENTS[next(FRAGMENTS.length)]!);
  return parts.join("");
}

function randomBytes(seed: number, maxLength: number): Uint8Array {
  const next = randomSequence(seed);
  const bytes = new Uint8Array(next(maxLength + 1));
  for (let index = 0; index < bytes.length; index++) bytes[index] = next(256);
  return bytes;
}

/** A small but complete Python spec, for the mangling tests that need no corpus. */
const SAMPLE_SPEC = readFileSync(path.join(PROJECT, "specs-corpus", "_readme", "python-example.spec"));

function lines(bytes: Uint8Array): Buffer[] {
  const buffer = Buffer.from(bytes);
  const result: Buffer[] = [];
  let start = 0;
  for (let index = 0; index < buffer.length; index++) {
    if (buffer[index] === 0x0a) {
      result.push(buffer.subarray(start, index + 1));
      start = index + 1;
    }
  }
  if (start < buffer.length) result.push(buffer.subarray(start));
  return result;
}

/** Truncations at every `step`th byte, plus each line deleted and each line duplicated. */
function mangled(name: string, bytes: Uint8Array, step: number, lineStep: number): Array<[string, Uint8Array]> {
  const inputs: Array<[string, Uint8Array]> = [];
  for (let end = 0; end < bytes.length; end += step) inputs.push([`${name} cut at byte ${end}`, bytes.subarray(0, end)]);
  const all = lines(bytes);
  for (let index = 0; index < all.length; index += lineStep) {
    inputs.push([`${name} without line ${index + 1}`, Buffer.concat([...all.slice(0, index), ...all.slice(index + 1)])]);
    inputs.push([`${name} with line ${index + 1} twice`, Buffer.concat([...all.slice(0, index + 1), ...all.slice(index)])]);
  }
  return inputs;
}

function surveyAll(inputs: ReadonlyArray<[string, Uint8Array]>): string[] {
  return inputs.flatMap(([label, input]) => survey(label, input));
}

describe("random input", () => {
  it("survives random bytes (200 inputs up to 4 kB, seeds 1..200)", () => {
    const inputs = Array.from({ length: 200 }, (_, seed): [string, Uint8Array] => [`random bytes, seed ${seed + 1}`, randomBytes(seed + 1, 4096)]);
    expect(surveyAll(inputs)).toEqual([]);
  });

  it("survives spec-token soup (400 inputs, seeds 1..400)", () => {
    const inputs = Array.from({ length: 400 }, (_, seed): [string, Uint8Array] => [`token soup, seed ${seed + 1}`, encode(tokenSoup(seed + 1))]);
    expect(surveyAll(inputs)).toEqual([]);
  });
});

describe("mangled specs", () => {
  it("survives truncations at every 97th byte and deleted or duplicated lines of our own example spec", () => {
    expect(surveyAll(mangled("python-example.spec", SAMPLE_SPEC, 97, 1))).toEqual([]);
  });

  it.skipIf(!CORPUS_PRESENT)(`survives truncations at every 97th byte and deleted or duplicated lines of real specs (${CORPUS})`, () => {
    const sample = corpusSample(6, 16_000);
    expect(sample.length).toBe(6);
    expect(surveyAll(sample.flatMap(({ name, bytes }) => mangled(name, bytes, 97, 5)))).toEqual([]);
  }, 240_000);
});

describe("pathological structure and size", () => {
  it("survives 10,000 nested %if blocks, closed and unclosed", () => {
    const depth = 10_000;
    const opened = "%if 0%{?fedora}\nRequires: python3-foo\n".repeat(depth);
    expect(survey("10,000 nested %if", encode(`Name: deep\n${opened}${"%endif\n".repeat(depth)}`))).toEqual([]);
    expect(survey("10,000 unclosed %if", encode(`Name: deep\n${opened}`))).toEqual([]);
    expect(survey("10,000 stray %endif", encode(`Name: deep\n${"%endif\n".repeat(depth)}`))).toEqual([]);
  });

  it("survives 100,000 unclosed %{ on one line and on separate lines", () => {
    expect(survey("100,000 %{ on one line", encode(`Name: open\nSummary: ${"%{".repeat(100_000)}\n`))).toEqual([]);
    expect(survey("100,000 %{ lines", encode(`Name: open\n%build\n${"%{\n".repeat(100_000)}`))).toEqual([]);
    expect(survey("100,000 %{?a: nested", encode(`Name: open\nRequires: ${"%{?a:".repeat(100_000)}x\n`))).toEqual([]);
  });

  it("survives 100,000 nested parentheses in a rich dependency", () => {
    expect(survey("100,000 (", encode(`Name: rich\nRequires: ${"(".repeat(100_000)}\n`))).toEqual([]);
    expect(survey("20,000 (a and", encode(`Name: rich\nRequires: ${"(a and ".repeat(20_000)}b${")".repeat(20_000)}\n`))).toEqual([]);
  });

  it("survives a 5 MB single line in the preamble, in a shell section and in %files", () => {
    const five = 5 * 1024 * 1024;
    const words = "python3-foo %{name} ".repeat(Math.ceil(five / 20)).slice(0, five);
    expect(survey("5 MB Summary line", encode(`Name: long\nSummary: ${words}\n`))).toEqual([]);
    expect(survey("5 MB shell line", encode(`Name: long\n%build\nsed -i ${words}\n`))).toEqual([]);
    expect(survey("5 MB %files line without a newline", encode(`Name: long\n%files\n${"/usr/lib/python3*/".repeat(five / 18)}`))).toEqual([]);
  }, 120_000);

  it("survives NUL bytes: a spec sprinkled with them and a file of nothing else", () => {
    const withNuls = Buffer.from(Buffer.from(SAMPLE_SPEC).toString("latin1").replace(/\n/g, "\0\n\0").replace(/ /g, " \0"), "latin1");
    expect(survey("NUL around every newline and after every space", withNuls)).toEqual([]);
    expect(survey("64 kB of NUL bytes", new Uint8Array(65_536))).toEqual([]);
  });

  it("survives invalid UTF-8: stray continuation bytes, truncated and overlong sequences, surrogates", () => {
    const spec = Buffer.from(SAMPLE_SPEC);
    const invalid = [
      Buffer.from([0x80, 0xbf, 0xfe, 0xff]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]),
      Buffer.from([0xed, 0xa0, 0x80, 0xed, 0xbf, 0xbf]),
      Buffer.from([0xf4, 0x90, 0x80, 0x80]),
    ];
    const inputs = invalid.flatMap((bytes, index): Array<[string, Uint8Array]> => [
      [`invalid UTF-8 #${index} at the start`, Buffer.concat([bytes, spec])],
      [`invalid UTF-8 #${index} in the middle`, Buffer.concat([spec.subarray(0, 200), bytes, spec.subarray(200)])],
      [`invalid UTF-8 #${index} at the end`, Buffer.concat([spec, bytes])],
    ]);
    expect(surveyAll(inputs)).toEqual([]);
  });

  it("survives a BOM with CRLF line ends, and keeps both through fixSpec", () => {
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(Buffer.from(SAMPLE_SPEC).toString("utf8").replace(/\n/g, "\r\n"))]);
    expect(survey("BOM and CRLF", crlf)).toEqual([]);
    const fixed = fixSpec(crlf);
    const written = Buffer.from(encodeSpecText(fixed.output, fixed.encoding));
    expect(written.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(written.toString("utf8").replace(/\r\n/g, "").includes("\n")).toBe(false);
    expect(lintSpec(crlf).source.startsWith("\ufeff")).toBe(false);
  });
});
