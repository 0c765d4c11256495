/**
 * `rpmspec-lint review` through `main`: exit statuses, formats, output files, the pairing of a
 * spec with its source RPM, URLs served by a throwaway HTTP server on 127.0.0.1, and broken input.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../cli/harness.js";
import { CLEAN_SPEC_NAME, FLAWED_SPEC_NAME, cleanSrpm, corpusSpec, flawedSrpm } from "./helpers/review-fixtures.js";
import { mainHeaderOffset } from "./helpers/srpm-builder.js";

const CLEAN_SRPM = "python-reviewdemo-1.2.0-1.fc43.src.rpm";
const FLAWED_SRPM = "python-reviewflaws-0.9-1.fc43.src.rpm";

let directory = "";
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-review-cli-"));
  writeFileSync(path.join(directory, CLEAN_SRPM), cleanSrpm());
  writeFileSync(path.join(directory, FLAWED_SRPM), flawedSrpm());
  writeFileSync(path.join(directory, CLEAN_SPEC_NAME), corpusSpec(CLEAN_SPEC_NAME));
  writeFileSync(path.join(directory, FLAWED_SPEC_NAME), corpusSpec(FLAWED_SPEC_NAME));
  const truncated = cleanSrpm().subarray(0, mainHeaderOffset() + 40);
  writeFileSync(path.join(directory, "truncated.src.rpm"), truncated);

  const files: Record<string, Uint8Array> = {
    [`/review/${CLEAN_SPEC_NAME}`]: corpusSpec(CLEAN_SPEC_NAME),
    [`/review/${CLEAN_SRPM}`]: cleanSrpm(),
  };
  server = createServer((request, response) => {
    const body = files[request.url ?? ""];
    if (body === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/review`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

const review = (args: string[]) => run(["review", ...args], { cwd: directory });

describe("rpmspec-lint review", () => {
  it("prints the Markdown checklist and exits 0 when no MUST item fails", async () => {
    const result = await review([CLEAN_SRPM]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Package Review\n==============\n/);
    expect(result.stdout).toContain(`Source RPM: \`${CLEAN_SRPM}\` (gzip payload, 4 files)`);
    expect(result.stdout).toContain("===== MUST items =====");
    expect(result.stdout).toContain("===== SHOULD items =====");
    expect(result.stdout).not.toContain("Issues:");
  });

  it("exits 1 when a MUST item fails", async () => {
    const result = await review([FLAWED_SRPM]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Issues:\n=======\n- [!] MUST: The spec file is named after the package");
  });

  it("compares a spec given with its source RPM, and reviews the pair once", async () => {
    const result = await review([CLEAN_SPEC_NAME, CLEAN_SRPM]);
    expect(result.status).toBe(0);
    expect(result.stdout.match(/^Package Review$/gm)).toHaveLength(1);
    expect(result.stdout).toContain(`Spec URL: \`${CLEAN_SPEC_NAME}\``);
    expect(result.stdout).toContain(`- [x]: The spec given for review is the one inside the source RPM.`);
    expect(result.stdout).toContain(`the spec \`${CLEAN_SPEC_NAME}\` is byte for byte \`${CLEAN_SPEC_NAME}\` in the source RPM`);
  });

  it("reviews unrelated submissions one after the other", async () => {
    const result = await review([CLEAN_SPEC_NAME, FLAWED_SPEC_NAME]);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n---\n\n")).toHaveLength(2);
  });

  it("prints JSON with a stable key order", async () => {
    const result = await review(["--format", "json", CLEAN_SRPM]);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { tool: object; reports: Array<Record<string, unknown>> };
    expect(Object.keys(document)).toEqual(["tool", "reports"]);
    const [report] = document.reports;
    expect(Object.keys(report ?? {})).toEqual([
      "submission",
      "target",
      "spec",
      "mustFailed",
      "summary",
      "checklist",
      "checks",
      "findings",
    ]);
    const items = report?.["checklist"] as Array<Record<string, unknown>>;
    expect(Object.keys(items[0] ?? {})).toEqual(["id", "level", "group", "status", "text", "url", "rules", "checks", "notes", "findings"]);
  });

  it("writes the report to a file with -o", async () => {
    const result = await review(["-o", "out/review.md", "--target", "fedora-43", CLEAN_SRPM]);
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    const written = readFileSync(path.join(directory, "out/review.md"), "utf8");
    expect(written).toContain("as the spec declares it for fedora-43");
  });

  it("fetches the spec and the source RPM from URLs", async () => {
    const specUrl = `${baseUrl}/${CLEAN_SPEC_NAME}`;
    const srpmUrl = `${baseUrl}/${CLEAN_SRPM}`;
    const result = await review(["--format", "json", specUrl, srpmUrl]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const [report] = (JSON.parse(result.stdout) as { reports: Array<{ submission: Record<string, unknown>; checks: Array<{ id: string; status: string }> }> }).reports;
    expect(report?.submission).toMatchObject({ kind: "srpm", source: srpmUrl, companionSpec: specUrl });
    expect(report?.checks.find((check) => check.id === "spec-matches-srpm")?.status).toBe("pass");
  });

  it("exits 2 with one line when a URL cannot be fetched", async () => {
    const result = await review([`${baseUrl}/missing.spec`]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^rpmspec-lint: error: http:\/\/127\.0\.0\.1:\d+\/review\/missing\.spec: .*404/);
  });

  it("exits 2 with the byte offset for a malformed source RPM, and prints no report", async () => {
    const result = await review([CLEAN_SRPM, "truncated.src.rpm"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rpmspec-lint: error: truncated\.src\.rpm: .*at byte \d+ of the file/);
  });

  it("exits 2 for a missing file and for an unknown target", async () => {
    expect(await review(["nothing-here.spec"])).toEqual({
      status: 2,
      stdout: "",
      stderr: "rpmspec-lint: error: nothing-here.spec: no such file\n",
    });
    const target = await review(["--target", "fedora-7", CLEAN_SPEC_NAME]);
    expect(target.status).toBe(2);
    expect(target.stderr).toMatch(/^rpmspec-lint: error: --target: unknown target "fedora-7" \(known: /);
    expect(existsSync(path.join(directory, "fedora-7"))).toBe(false);
  });

  it("rejects an unknown format", async () => {
    const result = await review(["--format", "sarif", CLEAN_SPEC_NAME]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("sarif");
  });
});
