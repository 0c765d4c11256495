import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The shell script of the action's lint step, read from action.yml's `run: |` block. */
function actionLintScript(): string {
  const lines = readFileSync(path.join(PROJECT, "action.yml"), "utf8").split("\n");
  const step = lines.findIndex((line) => line.trim() === "id: lint");
  const start = lines.findIndex((line, index) => index > step && line.trim() === "run: |");
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== "" && !line.startsWith("        ")) break;
    body.push(line.slice(8));
  }
  return body.join("\n");
}

describe("the built binary", () => {
  beforeAll(() => {
    execFileSync("npm", ["run", "build"], { cwd: PROJECT, stdio: "pipe" });
  }, 300_000);

  it("runs from bin/ after npm run build", () => {
    const result = spawnSync(
      process.execPath,
      ["bin/rpmspec-lint.js", "--format", "json", "--no-config-lookup", "specs-corpus/_cli/python-flawed.spec"],
      { cwd: PROJECT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const [file] = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    expect(file!.filePath).toBe("specs-corpus/_cli/python-flawed.spec");
    expect(file!.messages.map((message) => message.ruleId)).toContain("forbidden-tag");

    const explain = spawnSync(process.execPath, ["bin/rpmspec-lint.js", "--explain", "forbidden-tag"], {
      cwd: PROJECT,
      encoding: "utf8",
    });
    expect(explain.status).toBe(0);
    expect(explain.stdout).toMatch(/forbidden-tag/);
  });

  it("runs as the GitHub Action's lint step does", () => {
    const workspace = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-action-"));
    onTestFinished(() => rmSync(workspace, { recursive: true, force: true }));
    cpSync(path.join(PROJECT, "specs-corpus/_cli"), path.join(workspace, "specs dir"), { recursive: true });
    const outputFile = path.join(workspace, "github-output");
    writeFileSync(outputFile, "");
    const step = (format: string, paths: string) =>
      spawnSync("bash", ["-e", "-c", actionLintScript()], {
        cwd: workspace,
        encoding: "utf8",
        env: {
          ...process.env,
          GITHUB_ACTION_PATH: PROJECT,
          GITHUB_OUTPUT: outputFile,
          RPMSPEC_LINT_PATHS: paths,
          RPMSPEC_LINT_FORMAT: format,
          RPMSPEC_LINT_TARGET: "fedora-43",
          RPMSPEC_LINT_SARIF_FILE: "out/results.sarif",
          RPMSPEC_LINT_ARGS: "--no-config-lookup --rule setup-not-quiet=off",
        },
      });

    const annotations = step("github", "specs*dir/python-f*.spec\n  specs*dir/python-crlf.spec");
    expect(annotations.stderr).not.toContain("rpmspec-lint");
    expect(annotations.status).toBe(1);
    expect(annotations.stdout).toMatch(/^::error file=specs dir\/python-flawed\.spec,line=9,/m);
    expect(annotations.stdout).not.toContain("setup-not-quiet");

    const sarif = step("sarif", ".");
    expect(sarif.status).toBe(1);
    expect(readFileSync(outputFile, "utf8")).toBe("sarif-file=out/results.sarif\n");
    const log = JSON.parse(readFileSync(path.join(workspace, "out/results.sarif"), "utf8"));
    expect(log.runs[0].results.length).toBeGreaterThan(0);

    const badFormat = step("xml", ".");
    expect(badFormat.status).toBe(2);
    expect(badFormat.stdout).toContain("::error title=rpmspec-lint::format must be github or sarif, not xml");
  });
});
