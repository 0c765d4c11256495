import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  type CommandLineSettings,
  ConfigError,
  ConfigResolver,
  type ConfigSchema,
  parseConfig,
} from "../../src/config/index.js";

const schema: ConfigSchema = {
  ruleNames: new Set(["missing-tests", "shared-directory-glob", "summary-ends-with-period"]),
  checkTarget: (target) => (/^(fedora-(rawhide|\d+)|epel-\d+)$/.test(target) ? null : `unknown target "${target}"`),
};

const noCommandLine: CommandLineSettings = { with: [], without: [], rules: {} };

function configError(text: string): string {
  try {
    parseConfig(text, "conf/.rpmspec-lint.toml", schema);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("parseConfig", () => {
  it("reads every key", () => {
    const config = parseConfig(
      [
        'target = "epel-9"',
        'with = ["tests"]',
        'without = ["docs"]',
        "[rules]",
        'missing-tests = "off"',
        "[[overrides]]",
        'files = ["legacy/*.spec"]',
        'rules = { shared-directory-glob = "info" }',
      ].join("\n"),
      "x.toml",
      schema,
    );
    expect(config).toEqual({
      path: "x.toml",
      target: "epel-9",
      with: ["tests"],
      without: ["docs"],
      rules: { "missing-tests": "off" },
      overrides: [{ files: ["legacy/*.spec"], rules: { "shared-directory-glob": "info" } }],
    });
  });

  it("names the file and the key of each problem", () => {
    expect(configError('colour = "always"')).toBe(
      "conf/.rpmspec-lint.toml: colour: unknown key (expected one of: target, with, without, rules, overrides)",
    );
    expect(configError('[rules]\nno-such-rule = "off"')).toBe("conf/.rpmspec-lint.toml: rules.no-such-rule: unknown rule");
    expect(configError('[rules]\nmissing-tests = "warn"')).toBe(
      'conf/.rpmspec-lint.toml: rules.missing-tests: invalid severity "warn" (expected off, info, warning or error)',
    );
    expect(configError("[rules]\nmissing-tests = 1")).toMatch(/rules\.missing-tests: invalid severity 1/);
    expect(configError('target = "fedora-foo"')).toBe('conf/.rpmspec-lint.toml: target: unknown target "fedora-foo"');
    expect(configError("target = 43")).toBe("conf/.rpmspec-lint.toml: target: expected a string");
    expect(configError('with = "tests"')).toBe("conf/.rpmspec-lint.toml: with: expected an array of strings");
    expect(configError('without = ["no spaces"]')).toBe('conf/.rpmspec-lint.toml: without: "no spaces" is not a bcond name');
    expect(configError('with = ["x"]\nwithout = ["x"]')).toBe('conf/.rpmspec-lint.toml: with: "x" is also listed in without');
    expect(configError('rules = "off"')).toBe("conf/.rpmspec-lint.toml: rules: expected a table");
    expect(configError("[[overrides]]\nrules = {}")).toBe(
      "conf/.rpmspec-lint.toml: overrides[0].files: missing (the globs the override applies to)",
    );
    expect(configError('[[overrides]]\nfiles = ["*.spec"]\ntarget = "epel-9"')).toBe(
      "conf/.rpmspec-lint.toml: overrides[0].target: unknown key (expected one of: files, rules)",
    );
    expect(configError('[[overrides]]\nfiles = ["*.spec"]\n[overrides.rules]\nbogus = "off"')).toBe(
      "conf/.rpmspec-lint.toml: overrides[0].rules.bogus: unknown rule",
    );
    expect(configError("[[overrides]]\nfiles = []")).toBe("conf/.rpmspec-lint.toml: overrides[0].files: expected at least one glob");
  });

  it("reports TOML syntax errors in one line with the position", () => {
    const message = configError('target = "epel-9"\nwith = [\n');
    expect(message).toMatch(/^conf\/\.rpmspec-lint\.toml:3:1: invalid TOML: /);
    expect(message).not.toContain("\n");
  });
});

/** A scratch tree: `files` maps relative paths to contents. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-config-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

describe("ConfigResolver", () => {
  it("uses the nearest configuration file up to the repository root", () => {
    const root = tree({
      ".rpmspec-lint.toml": '[rules]\nmissing-tests = "off"',
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/.rpmspec-lint.toml": 'target = "fedora-43"',
      "repo/pkg/sub/.rpmspec-lint.toml": 'target = "epel-9"',
      "repo/pkg/a.spec": "",
      "repo/pkg/sub/b.spec": "",
      "other/repo/.git/HEAD": "",
      "other/repo/c.spec": "",
    });
    const resolver = new ConfigResolver({ schema, lookup: true, commandLine: noCommandLine });
    expect(resolver.settingsFor(path.join(root, "repo/pkg/a.spec"))).toMatchObject({
      configFile: path.join(root, "repo/.rpmspec-lint.toml"),
      target: "fedora-43",
      severities: {},
    });
    expect(resolver.settingsFor(path.join(root, "repo/pkg/sub/b.spec")).target).toBe("epel-9");
    expect(resolver.settingsFor(path.join(root, "other/repo/c.spec"))).toMatchObject({ configFile: null, target: undefined });
  });

  it("looks no further than a directory holding .git", () => {
    const root = tree({ ".rpmspec-lint.toml": 'target = "epel-9"', "repo/.git": "gitdir: elsewhere\n", "repo/a.spec": "" });
    const resolver = new ConfigResolver({ schema, lookup: true, commandLine: noCommandLine });
    expect(resolver.settingsFor(path.join(root, "repo/a.spec")).configFile).toBeNull();
  });

  it("skips lookup with --no-config-lookup and uses --config for every file", () => {
    const root = tree({ ".git/HEAD": "", ".rpmspec-lint.toml": 'target = "epel-9"', "a.spec": "", "x/custom.toml": 'target = "epel-10"' });
    const off = new ConfigResolver({ schema, lookup: false, commandLine: noCommandLine });
    expect(off.settingsFor(path.join(root, "a.spec")).configFile).toBeNull();
    const explicit = new ConfigResolver({
      schema,
      lookup: false,
      configFile: path.join(root, "x/custom.toml"),
      commandLine: noCommandLine,
    });
    expect(explicit.settingsFor(path.join(root, "a.spec")).target).toBe("epel-10");
  });

  it("applies the file, then matching overrides in order, then the command line", () => {
    const root = tree({
      ".git/HEAD": "",
      ".rpmspec-lint.toml": [
        'with = ["tests", "docs"]',
        "[rules]",
        'missing-tests = "warning"',
        'shared-directory-glob = "error"',
        'summary-ends-with-period = "info"',
        "[[overrides]]",
        'files = ["legacy/**/*.spec"]',
        'rules = { missing-tests = "off", shared-directory-glob = "warning" }',
        "[[overrides]]",
        'files = ["old-*.spec"]',
        'rules = { shared-directory-glob = "info" }',
      ].join("\n"),
    });
    const commandLine: CommandLineSettings = {
      target: "fedora-42",
      with: ["bootstrap"],
      without: ["docs"],
      rules: { "summary-ends-with-period": "off" },
    };
    const resolver = new ConfigResolver({ schema, lookup: true, commandLine });
    expect(resolver.settingsFor(path.join(root, "top.spec"))).toEqual({
      configFile: path.join(root, ".rpmspec-lint.toml"),
      target: "fedora-42",
      with: ["tests", "bootstrap"],
      without: ["docs"],
      severities: { "missing-tests": "warning", "shared-directory-glob": "error", "summary-ends-with-period": "off" },
    });
    expect(resolver.settingsFor(path.join(root, "legacy/deep/old-a.spec")).severities).toEqual({
      "missing-tests": "off",
      "shared-directory-glob": "info",
      "summary-ends-with-period": "off",
    });
    expect(resolver.settingsFor(path.join(root, "legacy/new.spec")).severities["shared-directory-glob"]).toBe("warning");
  });

  it("reports a configuration error of a discovered file", () => {
    const root = tree({ ".git/HEAD": "", ".rpmspec-lint.toml": "[rules]\nbogus = 'off'", "a.spec": "" });
    const resolver = new ConfigResolver({ schema, lookup: true, commandLine: noCommandLine });
    expect(() => resolver.settingsFor(path.join(root, "a.spec"))).toThrow(
      `${path.join(root, ".rpmspec-lint.toml")}: rules.bogus: unknown rule`,
    );
  });

  it("reports an unreadable --config file", () => {
    const resolver = new ConfigResolver({ schema, lookup: true, configFile: "/nonexistent/x.toml", commandLine: noCommandLine });
    expect(() => resolver.settingsFor("a.spec")).toThrow("/nonexistent/x.toml: cannot read configuration file (ENOENT)");
  });
});
