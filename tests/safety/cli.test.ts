/**
 * Nothing in an untrusted spec runs or is read when the command line lints it in every output
 * format, fixes it, prints the fixes as a diff, inspects it, or reviews it as a spec or inside a
 * source RPM: no marker file, no child process or network request, no look at the files
 * `%include` and `%{load:…}` name, no value of the environment variable `%{getenv:…}` names,
 * and a report that says something about the spec.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatNames } from "../../src/formatters/index.js";
import { run, type RunResult } from "../cli/harness.js";
import { buildSrpm, SPECFILE_FLAG, zstdStoredFrame } from "../review/helpers/srpm-builder.js";
import {
  expectNothingRan,
  INCLUDED_FIRST_SPEC_NAME,
  SECRET_ENVIRONMENT,
  type SafetyWorkspace,
  safetyWorkspace,
  SPEC_NAME,
  watchSideEffects,
} from "./guard.js";

interface Outcome extends RunResult {
  workspace: SafetyWorkspace;
}

interface WatchedRunOptions {
  /** Standard input: the workspace's spec text (its marker and secret paths are that workspace's). */
  stdinSpec?: boolean;
  /** Files the command may create in the workspace (--fix replaces the spec in place). */
  writes?: string[];
}

/**
 * Runs the CLI in a fresh workspace under the watch, and checks that nothing ran and that the
 * workspace holds no new file but `writes`.
 */
async function runWatched(argv: (workspace: SafetyWorkspace) => string[], options: WatchedRunOptions = {}): Promise<Outcome> {
  const workspace = safetyWorkspace();
  const args = argv(workspace);
  const before = readdirSync(workspace.root);
  const watch = watchSideEffects([workspace.secret, workspace.markers]);
  const stdin = options.stdinSpec === true ? { stdin: workspace.specText } : {};
  const result = await run(args, { cwd: workspace.root, env: SECRET_ENVIRONMENT, ...stdin });
  expectNothingRan(workspace, watch, [result.stdout, result.stderr, readFileSync(workspace.specPath, "utf8")]);
  expect(readdirSync(workspace.root).sort()).toEqual([...before, ...(options.writes ?? [])].sort());
  expect(result.stderr).not.toMatch(/internal error|error:/);
  return { ...result, workspace };
}

/** Rules the untrusted spec breaks whatever the bconds (see library.test.ts). */
const EXPECTED_RULES = ["define-instead-of-global", "hardcoded-python-path", "macro-in-changelog", "summary-ends-with-period"];

describe("rpmspec-lint on the untrusted spec", () => {
  it.each(formatNames)("--format %s reports the spec's own problems", async (format) => {
    const result = await runWatched(() => ["--format", format, SPEC_NAME]);
    expect(result.status).toBe(1);
    for (const rule of EXPECTED_RULES) expect(result.stdout).toContain(rule);
  });

  it("lints every spec of a directory for another target with a bcond on", async () => {
    const result = await runWatched(() => ["--target", "epel-9", "--with", "x", "--format", "json", "."]);
    expect(result.status).toBe(1);
    const files = (JSON.parse(result.stdout) as Array<{ filePath: string }>).map((file) => path.basename(file.filePath)).sort();
    expect(files).toEqual([INCLUDED_FIRST_SPEC_NAME, SPEC_NAME]);
  });

  it("lints standard input", async () => {
    const result = await runWatched(() => ["--stdin", "--stdin-filename", SPEC_NAME, "--format", "gnu"], { stdinSpec: true });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("macro-in-changelog");
  });

  it("--statistics counts the findings per rule", async () => {
    const result = await runWatched(() => ["--statistics", SPEC_NAME]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("macro-in-changelog");
  });

  it("--output-file writes the report and nothing else", async () => {
    const result = await runWatched(() => ["--format", "sarif", "--output-file", "report.sarif", SPEC_NAME], {
      writes: ["report.sarif"],
    });
    expect(result.stdout).toBe("");
    const report = readFileSync(path.join(result.workspace.root, "report.sarif"), "utf8");
    expect(report).toContain("hardcoded-python-path");
  });

  it("--fix applies the safe fix and keeps every construct", async () => {
    const result = await runWatched(() => ["--fix", SPEC_NAME]);
    const fixed = readFileSync(result.workspace.specPath, "utf8");
    expect(fixed).not.toBe(result.workspace.specText);
    expect(fixed).toContain('os.execute("touch ' + result.workspace.markers + '/subpackage-summary-lua")}\n');
    expect(fixed).toContain("ls -d /usr/lib/python3*/site-packages");
    expect(fixed.split("%(").length).toBe(result.workspace.specText.split("%(").length);
  });

  it("--fix --unsafe-fixes also applies the unsafe fix", async () => {
    const result = await runWatched(() => ["--fix", "--unsafe-fixes", SPEC_NAME]);
    const fixed = readFileSync(result.workspace.specPath, "utf8");
    expect(fixed).toContain("ls -d %{python3_sitelib}");
    expect(fixed.split("%{lua:").length).toBe(result.workspace.specText.split("%{lua:").length);
  });

  it("--fix-dry-run gives the fixed text in the JSON report and writes nothing", async () => {
    const result = await runWatched(() => ["--fix-dry-run", "--unsafe-fixes", "--format", "json", SPEC_NAME]);
    expect(readFileSync(result.workspace.specPath, "utf8")).toBe(result.workspace.specText);
    const [file] = JSON.parse(result.stdout) as Array<{ output?: string }>;
    expect(file?.output).toContain("ls -d %{python3_sitelib}");
  });

  it.each([[[]], [["--unsafe-fixes"]]])("--diff %j prints the fixes and writes nothing", async (extra: string[]) => {
    const result = await runWatched(() => ["--diff", ...extra, SPEC_NAME]);
    expect(readFileSync(result.workspace.specPath, "utf8")).toBe(result.workspace.specText);
    expect(result.stdout).toMatch(/^-Summary: {8}The module of an untrusted package/m);
    expect(result.stdout.includes("+ls -d %{python3_sitelib}")).toBe(extra.length > 0);
  });
});

describe("rpmspec-lint inspect on the untrusted specs", () => {
  it.each([[[]], [["--with", "x", "--without", "tests"]]])("%j prints unknown values as null, with reasons", async (extra: string[]) => {
    const result = await runWatched(() => ["inspect", ...extra, SPEC_NAME, INCLUDED_FIRST_SPEC_NAME]);
    expect(result.status).toBe(0);
    const [untrusted, includedFirst] = JSON.parse(result.stdout) as Array<{
      name: string;
      version: string | null;
      unknown: Array<{ field: string; reason: string }>;
    }>;
    expect(untrusted).toMatchObject({ name: "python-untrusted", version: null });
    expect(includedFirst).toMatchObject({ name: "python-included-first", version: null });
    for (const result of [untrusted, includedFirst]) {
      expect(result?.unknown.find((entry) => entry.field === "version")?.reason).toContain("%(…) shell commands are never executed");
    }
  });
});

describe("rpmspec-lint review on the untrusted spec", () => {
  /**
   * The review spawns xz or bzip2 to decompress source RPM payloads in those formats, never for
   * spec content; these source RPMs are gzip, zstd (decoded in JavaScript) and uncompressed, so
   * no child process is expected.
   */
  function writeSrpm(workspace: SafetyWorkspace, compress: (archive: Uint8Array) => Uint8Array): string {
    const srpm = buildSrpm({
      name: "python-untrusted",
      version: "1.0",
      release: "1.fc43",
      files: [{ name: SPEC_NAME, data: workspace.specText, flags: SPECFILE_FLAG }],
      compress,
    });
    const file = path.join(workspace.root, "python-untrusted-1.0-1.fc43.src.rpm");
    writeFileSync(file, srpm);
    return path.basename(file);
  }

  const srpmPayloads: ReadonlyArray<[string, (archive: Uint8Array) => Uint8Array]> = [
    ["gzip", (archive) => gzipSync(archive)],
    ["zstd", (archive) => zstdStoredFrame(archive)],
    ["uncompressed", (archive) => archive],
  ];

  it.each(["markdown", "json"])("reviews the spec (--format %s)", async (format) => {
    const result = await runWatched(() => ["review", "--format", format, SPEC_NAME]);
    expect([0, 1]).toContain(result.status);
    expect(result.stdout).toContain("python-untrusted");
    expect(result.stdout).toContain("macro-in-changelog");
    if (format === "markdown") expect(result.stdout).toContain("Package: (not known statically)");
  });

  it.each(srpmPayloads)("reviews a %s source RPM holding it", async (_label, compress) => {
    const result = await runWatched((workspace) => ["review", "--format", "json", writeSrpm(workspace, compress)]);
    expect([0, 1]).toContain(result.status);
    expect(result.stdout).toContain("python-untrusted-1.0-1.fc43.src.rpm");
    expect(result.stdout).toContain("macro-in-changelog");
    expect(result.stdout).toContain("the spec's Version `%{myver}` is not known statically: %(…) shell commands are never executed");
  });

  it("reviews the spec together with its source RPM", async () => {
    const result = await runWatched((workspace) => ["review", SPEC_NAME, writeSrpm(workspace, (archive) => gzipSync(archive))]);
    expect([0, 1]).toContain(result.status);
    expect(result.stdout).toContain("python-untrusted");
  });
});
