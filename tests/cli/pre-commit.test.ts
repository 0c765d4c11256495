/**
 * End to end with Debian's pre-commit: the hooks of .pre-commit-hooks.yaml, installed from a
 * clone of this repository's committed state the way pre-commit installs any node hook (npm
 * install, which runs our `prepare` build, then npm pack and a global install into its env).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = path.join(PROJECT, "specs-corpus/_cli");

const preCommitAvailable = spawnSync("pre-commit", ["--version"]).status === 0;
const SKIP_REASON = "skipped: pre-commit is not installed (apt-get install pre-commit)";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

interface HookRepository {
  repository: string;
  rev: string;
  /** PRE_COMMIT_HOME: shared by the tests, so the hook environment is installed once. */
  home: string;
}

/** A scratch directory with a clone of HEAD; everything under it goes when the tests finish. */
function cloneHead(scratch: string): HookRepository {
  const repository = path.join(scratch, "hook-repository");
  git(scratch, "clone", "--quiet", "--no-local", PROJECT, repository);
  return { repository, rev: git(repository, "rev-parse", "HEAD").trim(), home: path.join(scratch, "pre-commit-home") };
}

function projectWith(
  hooks: HookRepository,
  scratch: string,
  hookId: string,
): { project: string; commit: (message: string) => { status: number; output: string } } {
  const project = mkdtempSync(path.join(scratch, "project-"));
  git(project, "init", "--quiet");
  git(project, "config", "user.name", "Test");
  git(project, "config", "user.email", "test@example.org");
  writeFileSync(
    path.join(project, ".pre-commit-config.yaml"),
    `repos:\n  - repo: ${hooks.repository}\n    rev: ${hooks.rev}\n    hooks:\n      - id: ${hookId}\n`,
  );
  const env = { ...process.env, PRE_COMMIT_HOME: hooks.home, NO_COLOR: "1" };
  execFileSync("pre-commit", ["install"], { cwd: project, env, stdio: "pipe" });
  const commit = (message: string) => {
    git(project, "add", "--all");
    const result = spawnSync("git", ["commit", "--quiet", "-m", message], { cwd: project, env, encoding: "utf8" });
    return { status: result.status ?? -1, output: result.stdout + result.stderr };
  };
  return { project, commit };
}

describe.skipIf(!preCommitAvailable)(`pre-commit hooks${preCommitAvailable ? "" : ` (${SKIP_REASON})`}`, () => {
  let scratch: string;
  let hooks: HookRepository;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-pre-commit-"));
    hooks = cloneHead(scratch);
  }, 60_000);
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("rpmspec-lint rejects a commit with an error-level finding and accepts a clean spec", () => {
    const { project, commit } = projectWith(hooks, scratch, "rpmspec-lint");
    copyFileSync(path.join(CORPUS, "python-flawed.spec"), path.join(project, "python-flawed.spec"));
    const rejected = commit("add a flawed spec");
    expect(rejected.output).toContain("forbidden-tag");
    expect(rejected.output).toContain("python-flawed.spec");
    expect(rejected.status).not.toBe(0);

    git(project, "rm", "--quiet", "--cached", "python-flawed.spec");
    rmSync(path.join(project, "python-flawed.spec"));
    copyFileSync(path.join(CORPUS, "python-specdemo.spec"), path.join(project, "python-specdemo.spec"));
    const accepted = commit("add a clean spec");
    expect(accepted.output).not.toContain("Failed");
    expect(accepted.status).toBe(0);
  }, 600_000);

  it("rpmspec-lint-fix applies safe fixes and stops the commit for review", () => {
    const { project, commit } = projectWith(hooks, scratch, "rpmspec-lint-fix");
    const spec = path.join(project, "python-crlf.spec");
    copyFileSync(path.join(CORPUS, "python-crlf.spec"), spec);
    const stopped = commit("add a spec with fixable findings");
    expect(stopped.status).not.toBe(0);
    expect(stopped.output).toContain("files were modified by this hook");
    expect(readFileSync(spec, "utf8")).toContain("%setup -q -n crlf-%{version}\r\n");
    expect(commit("add the fixed spec").status).toBe(0);
  }, 600_000);
});
