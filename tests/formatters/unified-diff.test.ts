import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/formatters/unified-diff.js";

/** Applies a diff with GNU patch in a scratch directory and returns the patched text. */
function applyWithPatch(before: string, diff: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-diff-"));
  try {
    writeFileSync(path.join(directory, "x.spec"), before);
    execFileSync("patch", ["-p1", "--quiet", "--binary"], { cwd: directory, input: diff });
    return readFileSync(path.join(directory, "x.spec"), "utf8");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const hasPatch = (() => {
  try {
    execFileSync("patch", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const lines = (count: number): string => Array.from({ length: count }, (_, i) => `line ${i + 1}\n`).join("");

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\n", "a\n", "x.spec")).toBe("");
  });

  it("prints one hunk with three lines of context", () => {
    const before = lines(10);
    const after = before.replace("line 5\n", "line five\n");
    expect(unifiedDiff(before, after, "x.spec")).toBe(
      [
        "--- a/x.spec",
        "+++ b/x.spec",
        "@@ -2,7 +2,7 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+line five",
        " line 6",
        " line 7",
        " line 8",
        "",
      ].join("\n"),
    );
  });

  it("merges nearby changes and splits distant ones", () => {
    const before = lines(40);
    const near = before.replace("line 5\n", "").replace("line 11\n", "line eleven\n");
    expect(unifiedDiff(before, near, "x.spec").match(/^@@/gm)).toHaveLength(1);
    const far = before.replace("line 5\n", "").replace("line 30\n", "line thirty\n");
    expect(unifiedDiff(before, far, "x.spec").match(/^@@/gm)).toHaveLength(2);
  });

  it("writes pure insertions and deletions with GNU's zero-count starts", () => {
    expect(unifiedDiff("", "new\n", "x.spec")).toContain("@@ -0,0 +1,1 @@");
    expect(unifiedDiff("old\n", "", "x.spec")).toContain("@@ -1,1 +0,0 @@");
  });

  it("marks a missing final newline", () => {
    expect(unifiedDiff("a\nb", "a\nc", "x.spec")).toBe(
      "--- a/x.spec\n+++ b/x.spec\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
    );
  });

  const cases: Array<[string, string, string]> = [
    ["a change in the middle", lines(30), lines(30).replace("line 15\n", "changed\n")],
    ["insertions at both ends", lines(12), "first\n" + lines(12) + "last\n"],
    ["several scattered edits", lines(60), lines(60).replace("line 3\n", "").replace("line 33\n", "x\ny\n").replace("line 59\n", "z\n")],
    ["CRLF line endings", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n"],
    ["a missing final newline added", "a\nb", "a\nb\n"],
    ["everything replaced", "a\nb\nc\n", "x\ny\n"],
  ];
  for (const [name, before, after] of cases) {
    it.skipIf(!hasPatch)(`round-trips through GNU patch (apt: patch): ${name}`, () => {
      expect(applyWithPatch(before, unifiedDiff(before, after, "x.spec"))).toBe(after);
    });
  }
});
