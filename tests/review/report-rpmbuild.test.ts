/**
 * `rpmspec-lint review` on source RPMs that rpmbuild builds from specs-corpus/_review. Needs
 * Debian's `rpm` package; without it these tests are skipped and say why.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../cli/harness.js";
import { CLEAN_SOURCES, FLAWED_SPEC_NAME, REVIEW_CORPUS, CLEAN_SPEC_NAME } from "./helpers/review-fixtures.js";

const hasRpmbuild = spawnSync("rpmbuild", ["--version"], { stdio: "ignore" }).status === 0;
const skipReason = hasRpmbuild ? "" : " [skipped: rpmbuild is not installed; apt-get install rpm]";
if (!hasRpmbuild) console.warn(`tests/review/report-rpmbuild.test.ts:${skipReason}`);

/** Debian's rpm has no Python macros; the clean spec's Source0 needs `%pypi_source`. */
const PYPI_SOURCE = "pypi_source() https://files.pythonhosted.org/packages/source/r/%1/%1-%{version}.tar.gz";

let topdir = "";

/** Builds a source RPM of `specPath` into its own directory; returns the file's path. */
function buildSrpm(specPath: string, label: string, defines: readonly string[] = []): string {
  const output = path.join(topdir, label);
  const args = ["-bs", "--define", `_topdir ${topdir}`, "--define", `_srcrpmdir ${output}`, "--define", PYPI_SOURCE];
  for (const define of defines) args.push("--define", define);
  const result = spawnSync("rpmbuild", [...args, specPath], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`rpmbuild failed for ${label}: ${result.stderr}`);
  const [file] = readdirSync(output);
  return path.join(output, file as string);
}

interface JsonReport {
  mustFailed: boolean;
  checks: Array<{ id: string; status: string; details: Array<{ message: string }> }>;
}

async function reviewJson(file: string): Promise<{ status: number; report: JsonReport }> {
  const result = await run(["review", "--format", "json", file], { cwd: topdir });
  expect(result.stderr).toBe("");
  const [report] = (JSON.parse(result.stdout) as { reports: JsonReport[] }).reports;
  return { status: result.status, report: report as JsonReport };
}

function checkOf(report: JsonReport, id: string) {
  return report.checks.find((check) => check.id === id);
}

describe.skipIf(!hasRpmbuild)(`review of source RPMs built by rpmbuild${skipReason}`, () => {
  beforeAll(() => {
    topdir = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-review-rpmbuild-"));
    const sources = path.join(topdir, "SOURCES");
    mkdirSync(sources);
    for (const file of CLEAN_SOURCES) writeFileSync(path.join(sources, file.name), file.data);
    writeFileSync(path.join(sources, "reviewflaws-1.0.tar.gz"), "pretend sdist\n");
    writeFileSync(path.join(sources, "reviewflaws-tests.tar.gz"), "pretend tests\n");
    // Named unlike its Name, as some submissions are: the spec-file-name check must catch it.
    copyFileSync(path.join(REVIEW_CORPUS, FLAWED_SPEC_NAME), path.join(topdir, "reviewflaws.spec"));
  });

  afterAll(() => {
    if (topdir !== "") rmSync(topdir, { recursive: true, force: true });
  });

  it("passes every source RPM check for the clean spec built without a dist tag", async () => {
    const file = buildSrpm(path.join(REVIEW_CORPUS, CLEAN_SPEC_NAME), "plain");
    const { status, report } = await reviewJson(file);
    expect(status).toBe(0);
    expect(report.mustFailed).toBe(false);
    expect(report.checks.map((check) => [check.id, check.status])).toEqual([
      ["spec-file-name", "pass"],
      ["srpm-name-version-release", "pass"],
      ["srpm-sources-present", "pass"],
      ["srpm-unreferenced-files", "pass"],
      ["spec-matches-srpm", "not-applicable"],
    ]);
    expect(checkOf(report, "srpm-name-version-release")?.details[3]?.message).toContain("(built without a dist tag)");
  });

  it("accepts the dist tag of the machine that built the source RPM, with a zstd payload", async () => {
    const file = buildSrpm(path.join(REVIEW_CORPUS, CLEAN_SPEC_NAME), "fc43", ["dist .fc43", "_source_payload w19.zstdio"]);
    expect(path.basename(file)).toBe("python-reviewdemo-1.2.0-1.fc43.src.rpm");
    const { status, report } = await reviewJson(file);
    expect(status).toBe(0);
    expect(checkOf(report, "srpm-name-version-release")?.details[3]?.message).toBe(
      "RELEASE `1.fc43` matches Release `1%{?dist}`, which is `1.fc46` for fedora-rawhide (built with the dist tag `.fc43` of the machine that made it)",
    );
  });

  it("fails the flawed spec's review: its file name and its lint findings", async () => {
    const file = buildSrpm(path.join(topdir, "reviewflaws.spec"), "flawed");
    const { status, report } = await reviewJson(file);
    expect(status).toBe(1);
    expect(report.mustFailed).toBe(true);
    expect(checkOf(report, "spec-file-name")?.status).toBe("fail");
    expect(checkOf(report, "srpm-sources-present")?.status).toBe("pass");
    expect(checkOf(report, "srpm-name-version-release")?.status).toBe("pass");
  });
});
