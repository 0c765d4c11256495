/**
 * The review report's test submissions: the specs of specs-corpus/_review, and source RPMs built
 * from them by hand (srpm-builder), so the source RPM checks are tested without rpmbuild.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SrpmOptions } from "./srpm-builder.js";
import { SPECFILE_FLAG, buildSrpm } from "./srpm-builder.js";

export const REVIEW_CORPUS = fileURLToPath(new URL("../../../specs-corpus/_review/", import.meta.url));

export const CLEAN_SPEC_NAME = "python-reviewdemo.spec";
export const FLAWED_SPEC_NAME = "python-reviewflaws.spec";

export function corpusSpec(name: string): Buffer {
  return readFileSync(`${REVIEW_CORPUS}${name}`);
}

/** The files the clean spec names, with stand-in contents. */
export const CLEAN_SOURCES: ReadonlyArray<{ name: string; data: string }> = [
  { name: "0001-use-importlib-metadata.patch", data: "--- a/reviewdemo/__init__.py\n+++ b/reviewdemo/__init__.py\n" },
  { name: "reviewdemo-1.2.0.tar.gz", data: "pretend sdist\n" },
  { name: "reviewdemo-docs-1.2.0.tar.gz", data: "pretend docs archive\n" },
];

/** The clean spec's source RPM as a Fedora 43 machine builds it. */
export function cleanSrpm(overrides: Partial<SrpmOptions> = {}): Uint8Array {
  return buildSrpm({
    name: "python-reviewdemo",
    version: "1.2.0",
    release: "1.fc43",
    files: [...CLEAN_SOURCES, { name: CLEAN_SPEC_NAME, data: corpusSpec(CLEAN_SPEC_NAME), flags: SPECFILE_FLAG }],
    ...overrides,
  });
}

/**
 * The flawed spec's source RPM: built from an older version (NAME/VERSION disagree), the spec
 * file named differently from Name, Source1 left out and a stray file added.
 */
export function flawedSrpm(): Uint8Array {
  return buildSrpm({
    name: "python-reviewflaws",
    version: "0.9",
    release: "1.fc43",
    files: [
      { name: "notes.txt", data: "not named by the spec\n" },
      { name: "reviewflaws-1.0.tar.gz", data: "pretend sdist\n" },
      { name: "reviewflaws.spec", data: corpusSpec(FLAWED_SPEC_NAME), flags: SPECFILE_FLAG },
    ],
  });
}
