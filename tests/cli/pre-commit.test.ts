/**
 * End to end with Debian's pre-commit: the hooks of .pre-commit-hooks.yaml, installed from a
 * clone of this repository's committed state the way pre-commit installs any node hook (npm
 * install, which runs our `prepare` build, then npm pack and a global install into its env).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = path.join(PROJECT, "specs-corpus/_cli");

const preCommitAvailable = spawnSync("pre-commit", ["--version"]).status === 0;
const SKIP_REASON = "skipped: pre-commit is not installed (apt-get install pre-commit)";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * A clone of HEAD at a path derived from the commit, and a pre-commit home beside it, so that
 * re-running the test for the same commit reuses pre-commit's installed hook environment.
 */
function hookRepository(): { repository: string; rev: string; home: string } {
  const rev = git(PROJECT, "rev-parse", "HEAD").trim();
  const base = path.join(tmpdir(), `rpmspec-lint-pre-commit-${rev.slice(0, 12)}`);
  const repository = path.join(base, "hook-repository");
  if (!existsSync(repository)) {
    mkdirSync(base, { recursive: true });
    git(base, "clone", "--quiet", "--no-local", PROJECT, repository);
  }
  return { repository, rev, home: path.join(base, "pre-commit-home") };
}

function projectWith(hookId: string): { project: string; commit: (message: string) => { status: number; output: string } } {
  const { repository, rev, home } = hookRepository();
  const project = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-pre-commit-project-"));
  git(project, "init", "--quiet");
  git(project, "config", "user.name", "Test");
  git(project, "config", "user.email", "test@example.org");
  writeFileSync(
    path.join(project, ".pre-commit-config.yaml"),
    `repos:\n  - repo: ${repository}\n    rev: ${rev}\n    hooks:\n      - id: ${hookId}\n`,
  );
  const env = { ...process.env, PRE_COMMIT_HOME: home, NO_COLOR: "1" };
  execFileSync("pre-commit", ["install"], { cwd: project, env, stdio: "pipe" });
  const commit = (message: string) => {
    git(project, "add", "--all");
    const result = spawnSync("git", ["commit", "--quiet", "-m", message], { cwd: project, env, encoding: "utf8" });
    return { status: result.status ?? -1, output: result.stdout + result.stderr };
  };
  return { project, commit };
}

describe.skipIf(!preCommitAvailable)(`pre-commit hooks${preCommitAvailable ? "" : ` (${SKIP_REASON})`}`, () => {
  it("rpmspec-lint rejects a commit with an error-level finding and accepts a clean spec", () => {
    const { project, commit } = projectWith("rpmspec-lint");
    copyFileSync(path.join(CORPUS, "python-flawed.spec"), path.join(project, "python-flawed.spec"));
    const rejected = commit("add a flawed spec");
    expect(rejected.output).toContain("forbidden-tag");
    expect(rejected.output).toContain("python-flawed.spec");
    expect(rejected.status).not.toBe(0);

    execFileSync("git", ["rm", "--quiet", "--cached", "python-flawed.spec"], { cwd: project });
    execFileSync("rm", [path.join(project, "python-flawed.spec")]);
    copyFileSync(path.join(CORPUS, "python-specdemo.spec"), path.join(project, "python-specdemo.spec"));
    const accepted = commit("add a clean spec");
    expect(accepted.output).not.toContain("Failed");
    expect(accepted.status).toBe(0);
  }, 600_000);

  it("rpmspec-lint-fix applies safe fixes and stops the commit for review", () => {
    const { project, commit } = projectWith("rpmspec-lint-fix");
    const spec = path.join(project, "python-crlf.spec");
    copyFileSync(path.join(CORPUS, "python-crlf.spec"), spec);
    const stopped = commit("add a spec with fixable findings");
    expect(stopped.status).not.toBe(0);
    expect(stopped.output).toContain("files were modified by this hook");
    expect(readFileSync(spec, "utf8")).toContain("%setup -q -n crlf-%{version}\r\n");
    expect(commit("add the fixed spec").status).toBe(0);
  }, 600_000);
});
