import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { inspectSpec, type InspectOptions, type InspectResult } from "../../src/index.js";

const corpus = fileURLToPath(new URL("../../specs-corpus/_inspect", import.meta.url));

function inspectFile(spec: string, options: Omit<InspectOptions, "filePath">): InspectResult {
  return inspectSpec(readFileSync(join(corpus, spec)), { filePath: spec, ...options });
}

/** The expected result, with the reasons of unknown values left to the evaluation's wording. */
function withoutReasons(result: InspectResult) {
  return { ...result, unknown: result.unknown.map(({ field, line }) => ({ field, line })) };
}

// Package names and BuildRequires of these expectations were checked against `rpmspec -q` with
// Fedora's macros for the same target and options.
const cases: Array<{ spec: string; expected: string; options: Omit<InspectOptions, "filePath"> }> = [
  { spec: "basic.spec", expected: "basic.fedora-43.json", options: { target: "fedora-43" } },
  { spec: "conditionals.spec", expected: "conditionals.fedora-43.json", options: { target: "fedora-43" } },
  {
    spec: "conditionals.spec",
    expected: "conditionals.epel-9-docs.json",
    options: { target: "epel-9", with: ["docs"], without: ["tests", "gui"] },
  },
  { spec: "unknown.spec", expected: "unknown.fedora-43.json", options: { target: "fedora-43" } },
  { spec: "extras.spec", expected: "extras.fedora-43.json", options: { target: "fedora-43" } },
  { spec: "generated.spec", expected: "generated.fedora-43.json", options: { target: "fedora-43" } },
  { spec: "generated-partial.spec", expected: "generated-partial.fedora-43.json", options: { target: "fedora-43" } },
];

describe("inspectSpec on specs-corpus/_inspect", () => {
  for (const { spec, expected, options } of cases) {
    it(`${spec} ${JSON.stringify(options)} gives ${expected}`, () => {
      const want = JSON.parse(readFileSync(join(corpus, expected), "utf8")) as InspectResult;
      const got = inspectFile(spec, options);
      expect(withoutReasons(got)).toEqual(withoutReasons(want));
      for (const entry of got.unknown) expect(entry.reason).not.toBe("");
    });
  }
});

describe("inspectSpec", () => {
  it("lists the main package first even without %files, and says which packages have files", () => {
    const result = inspectFile("basic.spec", { target: "fedora-43" });
    expect(result.packages.map((p) => [p.name, p.hasFiles])).toEqual([
      ["python-example-lib", false],
      ["python3-example-lib", true],
      ["python-example-lib-data", true],
      ["python-example-lib-unbuilt", false],
    ]);
  });

  it("prints dependencies as rpm does, after expansion for the target", () => {
    const result = inspectFile("basic.spec", { target: "fedora-43" });
    expect(result.buildRequires).toContain("python3dist(setuptools-scm) >= 8");
    expect(result.buildRequires).toContain("(python3dist(tomli) if python3 < 3.11)");
    expect(result.packages[1]?.requires).toEqual(["python3-example-lib-data = 2:1.4.0-3.fc43", "coreutils", "/usr/bin/rm"]);
    const extras = inspectFile("extras.spec", { target: "fedora-43" });
    expect(extras.packages[1]?.requires).toEqual(["python-fancy-lib-common(x86-64) = 0.9.1-2.fc43"]);
    expect(extras.buildRequires).toEqual(["python3-devel", "python3.14dist(wheel)"]);
  });

  it("follows conditionals and bconds for the target", () => {
    const fedora = inspectFile("conditionals.spec", { target: "fedora-43" });
    expect(fedora.buildRequires).toEqual(["gcc", "python3-new-tool", "python3dist(pytest)", "libunwind-devel"]);
    const epel = inspectFile("conditionals.spec", { target: "epel-9", with: ["docs"], without: ["tests", "gui"] });
    expect(epel.buildRequires).toEqual(["gcc", "python3-old-tool", "epel-rpm-macros", "libunwind-devel", "python3dist(sphinx)"]);
    expect(epel.packages.map((p) => p.name)).toEqual(["conditional-example", "conditional-example-doc"]);
  });

  it("gives null and a reason for what only execution could tell, never a guess", () => {
    const result = inspectFile("unknown.spec", { target: "fedora-43" });
    expect(result.version).toBeNull();
    expect(result.buildRequires).toEqual(["make", null, null]);
    expect(result.packages[1]?.name).toBeNull();
    expect(result.unknown.map((u) => u.field)).toEqual(["version", "buildRequires", "buildRequires", "packages[generated-%(hostname)].name"]);
  });

  it("adds the metapackages of the extras macro and the packages a spec's own macro writes", () => {
    const extras = inspectFile("extras.spec", { target: "fedora-43" });
    expect(extras.packages.map((p) => p.name)).toEqual([
      "python-fancy-lib",
      "python3-fancy-lib",
      "python3-fancy-lib+cli",
      "python3-fancy-lib+yaml",
      "python-fancy-lib-common",
    ]);
    const generated = inspectFile("generated.spec", { target: "fedora-43" });
    expect(generated.packages.map((p) => p.name)).toEqual([
      "generated-example",
      "generated-example-tools",
      "generated-example-langpack-de",
      "generated-example-langpack-fr",
    ]);
    expect(generated.packages[1]?.requires).toEqual(["example-common = 5.2"]);
    expect(generated.unknown).toEqual([
      expect.objectContaining({ field: "packages", line: 36 }),
      expect.objectContaining({ field: "packages[generated-example-langpack-<?>].hasFiles", line: 36 }),
    ]);
  });

  it("knows the packages a macro writes when only other parts of its expansion are unknown", () => {
    const result = inspectFile("generated-partial.spec", { target: "fedora-43" });
    expect(result.release).toBeNull();
    expect(result.packages.map((p) => p.name)).toEqual(["partial-example", "partial-example-alpha-tool"]);
    expect(result.packages[1]).toMatchObject({
      hasFiles: true,
      summary: "The alpha tool",
      requires: [null],
      provides: ["alpha-tool = 3.1"],
      files: ["/usr/bin/alpha", null],
    });
    const packageUnknowns = result.unknown.filter((entry) => entry.field === "packages");
    expect(packageUnknowns.map((entry) => [entry.line, entry.reason])).toEqual([
      [30, expect.stringContaining("writes the package `partial-example-<?>-tool`, whose name holds a part that is not known")],
      [31, expect.stringContaining("writes the package `partial-example-delta-tool` under a condition that cannot be evaluated")],
    ]);
  });

  it("never throws on malformed input", () => {
    for (const input of ["", "%package\n", "Name: x\nRequires: (a or\n%files -n\n", "\u0000\uFFFD%{"]) {
      expect(() => inspectSpec(input, { filePath: "x.spec" })).not.toThrow();
    }
  });
});
