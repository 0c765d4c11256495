import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { formatNames } from "../../src/formatters/index.js";
import { CORPUS, run, workspace } from "./harness.js";

const FLAWED = "specs/python-flawed.spec";
const CLEAN = "specs/python-specdemo.spec";
const CRLF = "specs/python-crlf.spec";

let root: string;
beforeEach(() => {
  root = workspace();
});

/**
 * Golden outputs must not depend on the temporary directory, the package version, or the list
 * of every rule (which grows): SARIF's rule descriptors are pinned by the formatter's golden, so
 * here each result's ruleIndex is checked and the list left out.
 */
function scrub(text: string, format: string): string {
  const scrubbed = text.split(root).join("<root>");
  if (format !== "sarif") return scrubbed;
  const log = JSON.parse(scrubbed);
  const run = log.runs[0];
  for (const result of run.results) {
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    delete result.ruleIndex;
  }
  run.tool.driver.version = run.tool.driver.semanticVersion = "<version>";
  run.tool.driver.rules = "<every rule>";
  return JSON.stringify(log, null, 2) + "\n";
}

describe("linting", () => {
  it("reports findings in stylish by default and exits 1 on errors", async () => {
    const result = await run([FLAWED], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("forbidden-tag");
    expect(result.stdout).toContain("summary-ends-with-period");
    expect(result.stdout).not.toContain("\u001b[");
    await expect(result.stdout).toMatchFileSnapshot("__golden__/stylish.txt");
  });

  for (const format of formatNames.filter((name) => name !== "stylish")) {
    it(`prints --format ${format}`, async () => {
      const result = await run(["--format", format, "specs"], { cwd: root });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe("");
      await expect(scrub(result.stdout, format)).toMatchFileSnapshot(`__golden__/format-${format}.txt`);
    });
  }

  it("exits 0 and prints nothing for a clean spec", async () => {
    expect(await run([CLEAN], { cwd: root })).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("lints the current directory by default, skipping node_modules and .git", async () => {
    mkdirSync(path.join(root, "node_modules/pkg"), { recursive: true });
    writeFileSync(path.join(root, "node_modules/pkg/bad.spec"), "Packager: x\n");
    writeFileSync(path.join(root, ".git/bad.spec"), "Packager: x\n");
    const result = await run(["--format", "json"], { cwd: root });
    const files = (JSON.parse(result.stdout) as Array<{ filePath: string }>).map((entry) => entry.filePath);
    expect(files).toEqual([CRLF, FLAWED, CLEAN]);
  });

  it("expands quoted globs and reports paths as given", async () => {
    const result = await run(["--format", "json", "specs/python-[fs]*.spec", `${root}/specs/python-crlf.spec`], { cwd: root });
    const files = (JSON.parse(result.stdout) as Array<{ filePath: string }>).map((entry) => entry.filePath);
    expect(files).toEqual([FLAWED, CLEAN, `${root}/specs/python-crlf.spec`]);
  });

  it("exits 2 with one line for a missing path or a glob that matches nothing", async () => {
    expect(await run(["nope.spec"], { cwd: root })).toEqual({
      status: 2,
      stdout: "",
      stderr: "rpmspec-lint: error: no such file or directory: nope.spec\n",
    });
    expect((await run(["nothing/*.spec"], { cwd: root })).stderr).toBe(
      "rpmspec-lint: error: no files match the pattern nothing/*.spec\n",
    );
  });

  it("warns about a directory without specs", async () => {
    mkdirSync(path.join(root, "empty"));
    expect(await run(["empty"], { cwd: root })).toEqual({
      status: 0,
      stdout: "",
      stderr: "rpmspec-lint: no .spec files in empty\n",
    });
  });

  it("exits 2 with one line for a path that cannot be read", async () => {
    symlinkSync("loop.spec", path.join(root, "loop.spec"));
    expect(await run([FLAWED, "loop.spec"], { cwd: root })).toEqual({
      status: 2,
      stdout: "",
      stderr: "rpmspec-lint: error: cannot read loop.spec (ELOOP)\n",
    });
  });
});

describe("standard input", () => {
  const text = () => readFileSync(path.join(CORPUS, "python-flawed.spec"));

  it("reads - and reports it as <stdin>", async () => {
    const result = await run(["--format", "gnu", "-"], { cwd: root, stdin: text() });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^<stdin>:4:\d+: warning: /m);
  });

  it("names standard input with --stdin-filename", async () => {
    const result = await run(["--format", "gnu", "--stdin", "--stdin-filename", "specs/python-flawed.spec"], {
      cwd: root,
      stdin: text(),
    });
    expect(result.stdout).toMatch(/^specs\/python-flawed\.spec:4:\d+: warning: /m);
  });

  it("rejects --stdin-filename without standard input", async () => {
    const result = await run(["--stdin-filename", "x.spec", FLAWED], { cwd: root });
    expect(result).toMatchObject({ status: 2, stdout: "" });
    expect(result.stderr).toBe("rpmspec-lint: error: --stdin-filename names standard input: give --stdin or -\n");
  });

  it("prints the fixed spec on stdout and the report on stderr with --fix", async () => {
    const result = await run(["--fix", "--format", "gnu", "-"], { cwd: root, stdin: text() });
    expect(result.stdout).toContain("Summary:        A library whose spec has fixable flaws\n");
    expect(result.stdout).toContain("%setup -q -n flawed-%{version}");
    expect(result.stderr).toContain("forbidden-tag");
    expect(result.status).toBe(1);
  });
});

describe("targets and bconds", () => {
  const spec = [
    "Name: python-cond",
    "%bcond legacy 0",
    "%if %{with legacy}",
    "Packager: Someone",
    "%endif",
    "%if 0%{?rhel}",
    "Vendor: Someone",
    "%endif",
    "",
  ].join("\n");

  const rules = async (argv: string[]): Promise<string[]> => {
    const result = await run(["--format", "json", ...argv, "-"], { cwd: root, stdin: spec });
    const [file] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>;
    return file!.messages.filter((message) => message.ruleId === "forbidden-tag").map((message) => `${message.line}`);
  };

  it("evaluates conditionals for the target and the bconds", async () => {
    expect(await rules([])).toEqual([]);
    expect(await rules(["--with", "legacy"])).toEqual(["4"]);
    expect(await rules(["--target", "epel-9"])).toEqual(["7"]);
    expect(await rules(["--target", "epel-9", "--with", "legacy"])).toEqual(["4", "7"]);
  });

  it("rejects a bcond given to both --with and --without", async () => {
    expect(await run(["--with", "legacy", "--without", "legacy", FLAWED], { cwd: root })).toEqual({
      status: 2,
      stdout: "",
      stderr: "rpmspec-lint: error: --with legacy and --without legacy contradict each other\n",
    });
  });

  it("rejects an unknown target", async () => {
    const result = await run(["--target", "debian-12", FLAWED], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^rpmspec-lint: error: --target: .*debian-12.*\n$/);
  });
});

describe("fixing", () => {
  const read = (file: string): Buffer => readFileSync(path.join(root, file));

  it("writes safe fixes, keeps the mode, and fixing twice equals fixing once", async () => {
    chmodSync(path.join(root, FLAWED), 0o640);
    const first = await run(["--fix", FLAWED], { cwd: root });
    expect(first.status).toBe(1);
    const once = read(FLAWED).toString();
    expect(once).toContain("Summary:        A library whose spec has fixable flaws\n");
    expect(once).toContain("%setup -q -n flawed-%{version}\n");
    expect(statSync(path.join(root, FLAWED)).mode & 0o777).toBe(0o640);
    expect(first.stdout).toContain("forbidden-tag");
    expect(first.stdout).not.toContain("summary-ends-with-period");

    const second = await run(["--fix", FLAWED], { cwd: root });
    expect(read(FLAWED).toString()).toBe(once);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(path.join(root, "specs")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps CRLF line endings and the BOM", async () => {
    await run(["--fix", CRLF], { cwd: root });
    const fixed = read(CRLF);
    expect([...fixed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = fixed.toString("utf8");
    expect(text).toContain("Summary:        A library whose spec has fixable flaws\r\n");
    expect(text).toContain("%setup -q -n crlf-%{version}\r\n");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("fixes the target of a symbolic link and keeps the link", async () => {
    symlinkSync("specs/python-flawed.spec", path.join(root, "link.spec"));
    await run(["--fix", "link.spec"], { cwd: root });
    expect(lstatSync(path.join(root, "link.spec")).isSymbolicLink()).toBe(true);
    expect(read(FLAWED).toString()).toContain("%setup -q -n flawed-%{version}\n");
  });

  it("leaves a clean file alone", async () => {
    const before = statSync(path.join(root, CLEAN)).mtimeMs;
    expect((await run(["--fix", CLEAN], { cwd: root })).status).toBe(0);
    expect(statSync(path.join(root, CLEAN)).mtimeMs).toBe(before);
  });

  it("--fix-dry-run writes nothing and gives json an output field", async () => {
    const before = read(FLAWED);
    const result = await run(["--fix-dry-run", "--format", "json", FLAWED, CLEAN], { cwd: root });
    expect(read(FLAWED)).toEqual(before);
    const [flawed, clean] = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(flawed!["output"]).toContain("%setup -q -n flawed-%{version}\n");
    expect(clean!["output"]).toBeUndefined();
    expect((flawed!["messages"] as Array<{ ruleId: string }>).map((message) => message.ruleId)).toEqual(["forbidden-tag"]);
  });

  it("--diff prints a unified diff, writes nothing, and exits 1 only when there is a change", async () => {
    const before = read(FLAWED);
    const result = await run(["--diff", FLAWED, CLEAN], { cwd: root });
    expect(read(FLAWED)).toEqual(before);
    expect(result.status).toBe(1);
    await expect(result.stdout).toMatchFileSnapshot("__golden__/diff.txt");
    expect(await run(["--diff", CLEAN], { cwd: root })).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("rejects combining the fix modes", async () => {
    const result = await run(["--fix", "--diff", FLAWED], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("severities and exit statuses", () => {
  it("--rule changes and disables rules", async () => {
    const off = await run(["--rule", "forbidden-tag=off", "--format", "gnu", FLAWED], { cwd: root });
    expect(off.status).toBe(0);
    expect(off.stdout).not.toContain("forbidden-tag");
    const raised = await run(["--rule", "forbidden-tag=off", "--rule", "setup-not-quiet=error", "--format", "gnu", FLAWED], {
      cwd: root,
    });
    expect(raised.status).toBe(1);
    expect(raised.stdout).toMatch(/error: .*\[setup-not-quiet\]/);
  });

  it("rejects unknown rules and severities in --rule", async () => {
    expect((await run(["--rule", "no-such-rule=off", FLAWED], { cwd: root })).stderr).toBe(
      'rpmspec-lint: error: --rule no-such-rule=off: unknown rule "no-such-rule" (see --list-rules)\n',
    );
    const badSeverity = await run(["--rule", "forbidden-tag=warn", FLAWED], { cwd: root });
    expect(badSeverity).toMatchObject({ status: 2, stdout: "" });
  });

  it("--quiet reports errors only", async () => {
    const result = await run(["--quiet", "--format", "gnu", FLAWED], { cwd: root });
    expect(result.stdout).toContain("forbidden-tag");
    expect(result.stdout).not.toContain("warning:");
  });

  it("--max-warnings fails on too many warnings", async () => {
    const args = ["--rule", "forbidden-tag=off", FLAWED];
    const statistics = JSON.parse((await run(["--statistics", "--format", "json", ...args], { cwd: root })).stdout) as Array<{
      severity: string;
      count: number;
    }>;
    const count = (severity: string) =>
      statistics.filter((entry) => entry.severity === severity).reduce((sum, entry) => sum + entry.count, 0);
    const warnings = count("warning");
    expect(count("error")).toBe(0);
    expect(warnings).toBeGreaterThan(1);
    expect((await run(["--max-warnings", String(warnings), ...args], { cwd: root })).status).toBe(0);
    const tooMany = await run(["--max-warnings", String(warnings - 1), ...args], { cwd: root });
    expect(tooMany.status).toBe(1);
    expect(tooMany.stderr).toBe(`rpmspec-lint: too many warnings (${warnings}, maximum ${warnings - 1})\n`);
    expect((await run(["--max-warnings", "lots", FLAWED], { cwd: root })).status).toBe(2);
  });

  it("--exit-zero exits 0 despite errors, but not on usage errors", async () => {
    expect((await run(["--exit-zero", FLAWED], { cwd: root })).status).toBe(0);
    expect((await run(["--exit-zero", "missing.spec"], { cwd: root })).status).toBe(2);
  });

  it("--statistics counts findings per rule", async () => {
    const text = await run(["--statistics", "specs"], { cwd: root });
    await expect(text.stdout).toMatchFileSnapshot("__golden__/statistics.txt");
    const json = await run(["--statistics", "--format", "json", "specs"], { cwd: root });
    expect(JSON.parse(json.stdout)).toContainEqual({ rule: "forbidden-tag", severity: "error", count: 1, fixable: 0 });
    expect((await run(["--statistics", "--format", "sarif", "specs"], { cwd: root })).status).toBe(2);
  });
});

describe("output", () => {
  it("-o writes the report to a file", async () => {
    const result = await run(["--format", "sarif", "-o", "reports/out.sarif", FLAWED], { cwd: root });
    expect(result).toEqual({ status: 1, stdout: "", stderr: "" });
    const log = JSON.parse(readFileSync(path.join(root, "reports/out.sarif"), "utf8"));
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(allRules.map((rule) => rule.meta.name));
  });

  it("colours stylish output on a terminal only, unless told otherwise", async () => {
    const coloured = (result: { stdout: string }) => result.stdout.includes("\u001b[");
    expect(coloured(await run([FLAWED], { cwd: root, stdoutTTY: true }))).toBe(true);
    expect(coloured(await run([FLAWED], { cwd: root, stdoutTTY: false }))).toBe(false);
    expect(coloured(await run(["--no-color", FLAWED], { cwd: root, stdoutTTY: true }))).toBe(false);
    expect(coloured(await run([FLAWED], { cwd: root, stdoutTTY: true, env: { NO_COLOR: "1" } }))).toBe(false);
    expect(coloured(await run([FLAWED], { cwd: root, stdoutTTY: false, env: { FORCE_COLOR: "1" } }))).toBe(true);
    expect(coloured(await run([FLAWED], { cwd: root, stdoutTTY: true, env: { FORCE_COLOR: "0" } }))).toBe(false);
    expect(coloured(await run(["-o", "out.txt", FLAWED], { cwd: root, stdoutTTY: true }))).toBe(false);
    expect(readFileSync(path.join(root, "out.txt"), "utf8")).not.toContain("\u001b[");
  });

  it("shows progress on a terminal's stderr for many files, never in machine formats", async () => {
    for (let index = 0; index < 25; index++) {
      writeFileSync(path.join(root, `specs/copy-${String(index).padStart(2, "0")}.spec`), "Name: x\n");
    }
    const human = await run(["--format", "gnu", "specs"], { cwd: root, stderrTTY: true });
    expect(human.stderr).toMatch(/^\r\u001b\[K\[1\/28\] specs\/copy-00\.spec/);
    expect(human.stderr.endsWith("\r\u001b[K")).toBe(true);
    expect((await run(["--format", "json", "specs"], { cwd: root, stderrTTY: true })).stderr).toBe("");
    expect((await run(["--format", "gnu", "specs"], { cwd: root, stderrTTY: false })).stderr).toBe("");
  });
});

describe("information", () => {
  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(path.resolve(CORPUS, "../../package.json"), "utf8")) as { version: string };
    expect(await run(["--version"], { cwd: root })).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("--help lists the options", async () => {
    const result = await run(["--help"], { cwd: root });
    expect(result.status).toBe(0);
    for (const option of ["--format", "--fix-dry-run", "--max-warnings", "--print-config", "--no-config-lookup"]) {
      expect(result.stdout).toContain(option);
    }
  });

  it("an unknown option exits 2 with one line and no stack trace", async () => {
    const result = await run(["--frobnicate", FLAWED], { cwd: root });
    expect(result).toEqual({ status: 2, stdout: "", stderr: "rpmspec-lint: error: unknown option '--frobnicate'\n" });
    const badFormat = await run(["--format", "xml", FLAWED], { cwd: root });
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr.split("\n")).toHaveLength(2);
  });

  it("--list-rules lists every rule, as a table or JSON", async () => {
    const table = await run(["--list-rules"], { cwd: root });
    expect(table.stdout.split("\n")[0]).toMatch(/^RULE\s+SEVERITY\s+FIX\s+DESCRIPTION$/);
    expect(table.stdout).toMatch(/^forbidden-tag\s+error\s+/m);
    const json = JSON.parse((await run(["--list-rules", "--format", "json"], { cwd: root })).stdout) as Array<
      Record<string, string>
    >;
    expect(json.find((rule) => rule["name"] === "summary-ends-with-period")).toMatchObject({
      severity: "warning",
      fix: "safe",
      docsUrl: expect.stringMatching(/summary-ends-with-period\.md$/),
    });
  });

  it("--explain prints the rule's documentation page", async () => {
    const page = readFileSync(path.resolve(CORPUS, "../../docs/rules/forbidden-tag.md"), "utf8");
    expect(await run(["--explain", "forbidden-tag"], { cwd: root })).toEqual({ status: 0, stdout: page, stderr: "" });
    expect(await run(["--explain", "no-such-rule"], { cwd: root })).toEqual({
      status: 2,
      stdout: "",
      stderr: 'rpmspec-lint: error: unknown rule "no-such-rule" (see --list-rules)\n',
    });
  });
});

describe("configuration", () => {
  const configure = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  it("finds .rpmspec-lint.toml above the spec and applies it", async () => {
    configure(".rpmspec-lint.toml", '[rules]\nforbidden-tag = "warning"\n');
    const result = await run(["--format", "gnu", FLAWED], { cwd: root });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/warning: .*\[forbidden-tag\]/);
    expect((await run(["--no-config-lookup", FLAWED], { cwd: root })).status).toBe(1);
  });

  it("applies overrides for matching files and lets --rule win", async () => {
    configure(
      ".rpmspec-lint.toml",
      '[rules]\nforbidden-tag = "warning"\n[[overrides]]\nfiles = ["python-fl*.spec"]\nrules = { forbidden-tag = "off" }\n',
    );
    expect((await run(["--format", "gnu", FLAWED], { cwd: root })).stdout).not.toContain("forbidden-tag");
    expect((await run(["--rule", "forbidden-tag=error", FLAWED], { cwd: root })).status).toBe(1);
  });

  it("uses --config for every file", async () => {
    configure("elsewhere/strict.toml", '[rules]\nsummary-ends-with-period = "error"\nforbidden-tag = "off"\n');
    const result = await run(["--config", "elsewhere/strict.toml", "--format", "gnu", FLAWED], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/error: .*\[summary-ends-with-period\]/);
  });

  it("exits 2 naming the file and key of a configuration error", async () => {
    configure("specs/.rpmspec-lint.toml", '[rules]\nforbiden-tag = "off"\n');
    expect(await run([FLAWED], { cwd: root })).toEqual({
      status: 2,
      stdout: "",
      stderr: `rpmspec-lint: error: ${root}/specs/.rpmspec-lint.toml: rules.forbiden-tag: unknown rule\n`,
    });
    configure("specs/.rpmspec-lint.toml", 'target = "fedora-rawhide"\ncolour = true\n');
    expect((await run([FLAWED], { cwd: root })).stderr).toMatch(/\.rpmspec-lint\.toml: colour: unknown key/);
    expect((await run(["--config", "missing.toml", FLAWED], { cwd: root })).stderr).toBe(
      `rpmspec-lint: error: ${root}/missing.toml: cannot read configuration file (ENOENT)\n`,
    );
  });

  it("--print-config shows the settings that apply to a file", async () => {
    configure(".rpmspec-lint.toml", 'target = "epel-9"\nwith = ["tests"]\n[rules]\nforbidden-tag = "warning"\n');
    const result = await run(["--print-config", FLAWED, "--without", "tests"], { cwd: root });
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      configFile: path.join(root, ".rpmspec-lint.toml"),
      target: "epel-9",
      with: [],
      without: ["tests"],
    });
    expect((printed["rules"] as Record<string, string>)["forbidden-tag"]).toBe("warning");
    expect((printed["rules"] as Record<string, string>)["summary-ends-with-period"]).toBe("warning");
    const defaults = JSON.parse((await run(["--no-config-lookup", "--print-config", FLAWED], { cwd: root })).stdout);
    expect(defaults).toMatchObject({ configFile: null, target: "fedora-rawhide" });
  });
});

describe("inspect", () => {
  it("prints one JSON object per spec", async () => {
    const result = await run(["inspect", "--target", "fedora-43", "--format", "json", CLEAN, FLAWED], { cwd: root });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const inspected = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(inspected.map((entry) => [entry["filePath"], entry["name"]])).toEqual([
      [CLEAN, "python-specdemo"],
      [FLAWED, "python-flawed"],
    ]);
    expect(inspected[0]!["buildRequires"]).toEqual(["python3-devel"]);
    await expect(result.stdout).toMatchFileSnapshot("__golden__/inspect.txt");
  });

  it("applies --with and --without and checks the target", async () => {
    const spec = "Name: x\nVersion: 1\n%bcond docs 0\n%if %{with docs}\nBuildRequires: sphinx\n%endif\n";
    const buildRequires = async (argv: string[]) =>
      (JSON.parse((await run(["inspect", ...argv, "-"], { cwd: root, stdin: spec })).stdout) as Array<{ buildRequires: string[] }>)[0]!
        .buildRequires;
    expect(await buildRequires([])).toEqual([]);
    expect(await buildRequires(["--with", "docs"])).toEqual(["sphinx"]);
    expect((await run(["inspect", "--target", "fedora-1", CLEAN], { cwd: root })).status).toBe(2);
    expect((await run(["inspect", "--format", "xml", CLEAN], { cwd: root })).status).toBe(2);
    expect((await run(["inspect"], { cwd: root })).stderr).toBe("rpmspec-lint: error: missing required argument 'files'\n");
  });
});
