/**
 * Nothing in an untrusted spec runs or is read when the library lints, fixes, inspects or
 * evaluates it: no marker file appears, no child process starts, the files `%include` and
 * `%{load:…}` name are never opened; and what the spec hides is reported as unknown.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { fixSpec, inspectSpec, lintSpec, parseSpec, type ConditionalLine } from "../../src/index.js";
import { expectNothingRan, INCLUDED_FIRST_SPEC_NAME, safetyWorkspace, SPEC_NAME, watchSideEffects } from "./guard.js";

/** The constructs that would run or read something if rpm parsed the spec. */
const DANGEROUS = /%\(|%\{lua:|%\{load:|%include/g;

function countDangerous(text: string): number {
  return text.match(DANGEROUS)?.length ?? 0;
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return text.slice(0, index).split("\n").length;
}

const bcondCases: ReadonlyArray<{ label: string; with: string[]; without: string[] }> = [
  { label: "default bconds", with: [], without: [] },
  // With x, `%{?with_x:%(…)}` would expand to its shell command in rpm.
  { label: "--with x --without tests", with: ["x"], without: ["tests"] },
];

describe.each(bcondCases)("the library on the untrusted spec ($label)", (bconds) => {
  const options = { with: bconds.with, without: bconds.without };

  it("lintSpec reports the spec's own problems", () => {
    const workspace = safetyWorkspace();
    const watch = watchSideEffects([workspace.secret, workspace.markers]);
    const result = lintSpec(workspace.specText, { filePath: SPEC_NAME, ...options });
    const messages = result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.rule} ${finding.message}`);
    expectNothingRan(workspace, watch, messages);
    expect(result.findings.map((finding) => finding.rule)).toEqual(
      expect.arrayContaining(["define-instead-of-global", "hardcoded-python-path", "macro-in-changelog", "summary-ends-with-period"]),
    );
    const changelog = result.findings.filter((finding) => finding.rule === "macro-in-changelog");
    expect(changelog.map((finding) => finding.line)).toEqual([
      lineOf(workspace.specText, "echo 1.0-1)"),
      lineOf(workspace.specText, "- Initial package"),
    ]);
  });

  it("fixSpec applies safe fixes and keeps every construct as written", () => {
    const workspace = safetyWorkspace();
    const watch = watchSideEffects([workspace.secret, workspace.markers]);
    const result = fixSpec(workspace.specText, { filePath: SPEC_NAME, ...options });
    expectNothingRan(workspace, watch, [result.output]);
    expect(result.applied.map((finding) => finding.rule)).toEqual(["summary-ends-with-period"]);
    expect(countDangerous(result.output)).toBe(countDangerous(workspace.specText));
  });

  it("fixSpec with unsafe fixes applies them too and keeps every construct as written", () => {
    const workspace = safetyWorkspace();
    const watch = watchSideEffects([workspace.secret, workspace.markers]);
    const result = fixSpec(workspace.specText, { filePath: SPEC_NAME, unsafe: true, ...options });
    expectNothingRan(workspace, watch, [result.output]);
    expect(result.applied.map((finding) => finding.rule).sort()).toEqual(["hardcoded-python-path", "summary-ends-with-period"]);
    expect(result.output).toContain("ls -d %{python3_sitelib}");
    expect(countDangerous(result.output)).toBe(countDangerous(workspace.specText));
  });

  it("inspectSpec gives null for what only running or reading something could give, with the reason", () => {
    const workspace = safetyWorkspace();
    const watch = watchSideEffects([workspace.secret, workspace.markers]);
    const result = inspectSpec(workspace.specText, { filePath: SPEC_NAME, ...options });
    expectNothingRan(workspace, watch, [JSON.stringify(result)]);
    expect(result.name).toBe("python-untrusted");
    expect(result.license).toBe("MIT");
    expect(result.version).toBeNull();
    expect(result.release).toBeNull();
    expect(result.url).toBeNull();
    expect(result.buildRequires[0]).toBe("python3-devel");
    expect(result.buildRequires.slice(1).every((value) => value === null)).toBe(true);
    expect(result.packages.map((pkg) => pkg.name)).toEqual(["python-untrusted", "python3-untrusted"]);
    const reasons = (field: string) => result.unknown.filter((entry) => entry.field === field).map((entry) => entry.reason);
    expect(reasons("version")).toEqual([expect.stringContaining("%(…) shell commands are never executed")]);
    expect(reasons("packages[python-untrusted].summary")).toEqual([expect.stringContaining("%{lua:…} is never executed")]);
    expect(reasons("buildRequires")).toContainEqual(expect.stringContaining("%{load:…} would read a file, which is never done"));
    expect(reasons("packages[python3-untrusted].files")).toContainEqual(expect.stringContaining("%{load:…} would read a file, which is never done"));
  });

  it("evaluate leaves every %(…), Lua and loaded value unknown, and every %if that depends on one", () => {
    const workspace = safetyWorkspace();
    const watch = watchSideEffects([workspace.secret, workspace.markers]);
    const { tree } = parseSpec(workspace.specText);
    const evaluation = evaluate(tree, options);
    const end = workspace.specText.length;
    const macros = ["%{myver}", "%{mydist}", "%{stamp}", "%{loaded_name}", "%{posixname}", "%{_description}", "%{lazy_shell}"];
    const builtins = ["%{run_touch x}", "%{double_expand}", "%{host_probe}", "%{secret_env}", "%{uncompressed}"];
    const expansions = [...macros, ...builtins].map((text) => ({ text, ...evaluation.expand(text, end) }));
    const conditionals = tree.sections
      .flatMap((section) => section.lines)
      .filter((line): line is ConditionalLine => line.type === "ConditionalLine" && line.expression !== null)
      .filter((line) => /%\(|%\{lua:/.test(workspace.specText.slice(line.expression!.start, line.expression!.end)));
    const outcomes = conditionals.map((line) => ({ line: line.line, ...evaluation.conditionOf(line) }));
    expectNothingRan(workspace, watch, expansions.map((expansion) => expansion.value ?? ""));
    for (const expansion of expansions) {
      expect(expansion.value, expansion.text).toBeNull();
      expect(expansion.unknown.join("; "), expansion.text).toMatch(/never (executed|read|done)|depends on the build/);
    }
    expect(conditionals).toHaveLength(5);
    // Without x, `%{?with_x:…}` is empty, as in rpm, which would not run its shell command either.
    const withXLine = lineOf(workspace.specText, "%if 0%{?with_x:");
    for (const outcome of outcomes) {
      expect(outcome.evaluated).toBe(true);
      if (outcome.line === withXLine && bconds.with.length === 0) {
        expect(outcome).toMatchObject({ value: false, expanded: "0", unknown: [] });
      } else {
        expect(outcome.value, `line ${outcome.line}`).toBeNull();
        expect(outcome.unknown?.join("; ")).toMatch(/never executed/);
      }
    }
    const opaqueLines = evaluation.opaque.map((construct) => construct.line.line);
    for (const needle of [`\n%include ${workspace.secret}/included.spec`, `\n%include ${workspace.secret}/install-snippet.sh`, "\n%include /etc/shadow"]) {
      expect(opaqueLines).toContain(lineOf(workspace.specText, needle) + 1);
    }
  });
});

describe("the library on a spec that includes and loads files first", () => {
  it("lints, fixes, inspects and evaluates it without opening them, and says what they leave unknown", () => {
    const workspace = safetyWorkspace(INCLUDED_FIRST_SPEC_NAME);
    const watch = watchSideEffects([workspace.secret, workspace.markers]);
    const linted = lintSpec(workspace.specText, { filePath: INCLUDED_FIRST_SPEC_NAME, with: ["x"] });
    const fixed = fixSpec(workspace.specText, { filePath: INCLUDED_FIRST_SPEC_NAME, unsafe: true, with: ["x"] });
    const inspected = inspectSpec(workspace.specText, { filePath: INCLUDED_FIRST_SPEC_NAME, with: ["x"] });
    const evaluation = evaluate(parseSpec(workspace.specText).tree, { with: ["x"] });
    expectNothingRan(workspace, watch, [JSON.stringify(linted.findings), fixed.output, JSON.stringify(inspected)]);
    expect(linted.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(countDangerous(fixed.output)).toBe(countDangerous(workspace.specText));
    expect(inspected).toMatchObject({ name: "python-included-first", version: null, url: "https://example.org/untrusted" });
    expect(inspected.buildRequires).toEqual(["python3-devel", null, null]);
    const buildRequiresReasons = inspected.unknown.filter((entry) => entry.field === "buildRequires").map((entry) => entry.reason);
    expect(buildRequiresReasons).toEqual([
      expect.stringContaining("line 4 loads a macro file, which is never read"),
      expect.stringContaining("line 4 loads a macro file, which is never read"),
    ]);
    expect(evaluation.opaque.map((construct) => [construct.line.line, construct.reason])).toEqual([
      [3, "line 3 includes a file, which is never read"],
      [4, "line 4 loads a macro file, which is never read"],
      [lineOf(workspace.specText, "%include " + workspace.secret + "/prep-snippet.sh"), expect.stringContaining("includes a file, which is never read")],
    ]);
    expect(evaluation.definitionAt("loaded_name", workspace.specText.length)).toBeNull();
  });
});
