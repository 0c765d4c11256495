import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run, workspace } from "./harness.js";

const failure = vi.hoisted(() => ({ renameFails: false }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...original,
    rename: async (from: string, to: string) => {
      if (failure.renameFails) throw Object.assign(new Error("simulated failure"), { code: "EIO" });
      return original.rename(from, to);
    },
  };
});

afterEach(() => {
  failure.renameFails = false;
});

describe("--fix writes atomically", () => {
  it("leaves the original untouched and no temporary file behind when the write fails", async () => {
    const root = workspace();
    const file = path.join(root, "specs/python-flawed.spec");
    const before = readFileSync(file);
    failure.renameFails = true;
    const result = await run(["--fix", "--format", "gnu", "specs/python-flawed.spec"], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("rpmspec-lint: error: cannot write specs/python-flawed.spec (EIO)\n");
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(path.join(root, "specs")).sort()).toEqual([
      "python-crlf.spec",
      "python-flawed.spec",
      "python-specdemo.spec",
    ]);
  });

  it("replaces the file when the write succeeds", async () => {
    const root = workspace();
    const file = path.join(root, "specs/python-flawed.spec");
    await run(["--fix", "specs/python-flawed.spec"], { cwd: root });
    expect(readFileSync(file, "utf8")).toContain("%setup -q -n");
  });
});
