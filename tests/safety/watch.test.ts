/**
 * Positive controls for the watch of guard.ts: the safety tests assert that it records nothing,
 * which only means something if it does record the calls the project really makes, through the
 * same named ES imports the rest of src/ uses.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { SubmissionError } from "../../src/review/submission-error.js";
import { loadSubmission } from "../../src/review/submission.js";
import { decompressPayload } from "../../src/review/srpm/decompress.js";
import { run } from "../cli/harness.js";
import { CANARY, safetyWorkspace, watchSideEffects } from "./guard.js";

async function* bytes(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

describe("the side-effect watch", () => {
  it("records a guarded file opened through node:fs/promises (the review's submission reader)", async () => {
    const workspace = safetyWorkspace();
    const watch = watchSideEffects([workspace.secret]);
    const submission = await loadSubmission(path.join(workspace.secret, "included.spec"));
    watch.stop();
    expect(new TextDecoder().decode(submission.specBytes)).toContain(CANARY);
    expect(watch.touched).toEqual([`fs.promises.open: ${path.join(workspace.secret, "included.spec")}`]);
  });

  it("records a guarded file read through node:fs (the CLI's spec reader), and its canary in the output", async () => {
    const workspace = safetyWorkspace();
    const watch = watchSideEffects([workspace.secret]);
    const result = await run([path.join(workspace.secret, "included.spec"), "--format", "json"], { cwd: workspace.root });
    watch.stop();
    expect(watch.touched).toContain(`fs.readFileSync: ${path.join(workspace.secret, "included.spec")}`);
    expect(result.stdout).toContain(CANARY);
  });

  it("records the decompressor the review spawns for an xz payload (installed or not)", async () => {
    const watch = watchSideEffects([]);
    const xzMagicOnly = Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
    const chunks = decompressPayload("xz", bytes(xzMagicOnly), { maxOutputBytes: 1024, maxZstdWindowBytes: 1024, fileOffset: 0 });
    await expect(async () => {
      for await (const chunk of chunks) expect(chunk).toBeInstanceOf(Uint8Array);
    }).rejects.toBeInstanceOf(SubmissionError);
    watch.stop();
    expect(watch.spawned).toHaveLength(1);
    expect(watch.spawned[0]).toMatch(/^spawn: xz --decompress/);
  });

  it("records the download of a submission given by URL (to a closed local port, not the network)", async () => {
    const watch = watchSideEffects([]);
    const url = "http://127.0.0.1:9/python-example.spec";
    await expect(loadSubmission(url, { fetch: { timeoutMs: 5_000 } })).rejects.toBeInstanceOf(SubmissionError);
    watch.stop();
    expect(watch.requested).toEqual([`fetch: ${url}`]);
  });

  it("records a worker thread started through a named import", async () => {
    const watch = watchSideEffects([]);
    const worker = new Worker("", { eval: true });
    watch.stop();
    await worker.terminate();
    expect(watch.workers).toEqual([""]);
  });

  it("records a child process started through a named import, and stops recording when stopped", () => {
    const watch = watchSideEffects([]);
    execFileSync(process.execPath, ["-e", ""]);
    watch.stop();
    execFileSync(process.execPath, ["-e", ""]);
    expect(watch.spawned).toEqual([`execFileSync: ${process.execPath} -e `]);
  });

  it("would see a marker: the spec's shell commands create one where the tests look", () => {
    const workspace = safetyWorkspace();
    const command = /^%global myver %\((.*)\)$/m.exec(workspace.specText)?.[1];
    expect(command).toBe(`touch ${workspace.markers}/global-shell; echo 1.0`);
    execFileSync("sh", ["-c", command!]);
    expect(readdirSync(workspace.markers)).toEqual(["global-shell"]);
  });

  it("leaves the marker directory empty and the secret files unread when nothing uses them", () => {
    const workspace = safetyWorkspace();
    expect(readdirSync(workspace.markers)).toEqual([]);
    expect(readFileSync(path.join(workspace.secret, "loaded.macros"), "utf8")).toContain(CANARY);
    expect(workspace.specText).not.toContain("@MARKERS@");
    expect(workspace.specText).not.toContain("@SECRET@");
    expect(workspace.specText).toContain(`%include ${workspace.secret}/included.spec`);
  });
});
