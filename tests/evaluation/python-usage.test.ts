import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { pythonUsage, usesPython } from "../../src/evaluation/python-usage.js";
import { parseSpec } from "../../src/parser/parse.js";

const uses = (text: string, target?: string): boolean => usesPython(evaluate(parseSpec(`Name: x\n${text}`).tree, { target }));

describe("usesPython", () => {
  it("sees Python macros, dependencies, site-packages files and the pyproject build system", () => {
    expect(uses("%build\n%{python3} setup.py\n")).toBe(true);
    expect(uses("BuildRequires: python3dist(foo)\n")).toBe(true);
    expect(uses("%description\nx\n%files\n/usr/lib/python3.14/site-packages/foo/\n")).toBe(true);
    expect(uses("BuildSystem: pyproject\n")).toBe(true);
  });

  it("ignores comments, the changelog, other dependencies and dead branches", () => {
    expect(uses("# %{python3}\nBuildRequires: gcc\n%changelog\n- %{python3}\n")).toBe(false);
    expect(uses("%if 0%{?rhel}\nBuildRequires: python3-foo\n%endif\n")).toBe(false);
    expect(uses("%if 0%{?rhel}\nBuildRequires: python3-foo\n%endif\n", "epel-9")).toBe(true);
  });
});

const evidenceOf = (text: string, target?: string) =>
  pythonUsage(evaluate(parseSpec(`Name: x\n${text}`).tree, { target })).evidence.map(({ what, liveness }) => `${liveness} ${what}`);

describe("pythonUsage", () => {
  it("gives each construct as written, in file order, with its liveness", () => {
    const spec = "%if %(test -x /usr/bin/python3 && echo 1)\nBuildRequires: python3-foo\n%endif\n%build\n%{python3} setup.py\n%files\n/usr/lib/python3.14/site-packages/foo/\n";
    expect(evidenceOf(spec)).toEqual(["unknown BuildRequires: python3-foo", "live %{python3}", "live /usr/lib/python3.14/site-packages/foo/"]);
  });

  it("puts a dependency before the macro it is written with, and names the build system", () => {
    expect(evidenceOf("BuildRequires: %{py3_dist foo bar}\n")).toEqual(["live BuildRequires: %{py3_dist foo bar}", "live %{py3_dist foo bar}"]);
    expect(evidenceOf("BuildSystem: pyproject\n")).toEqual(["live BuildSystem: pyproject"]);
  });

  it("counts reverse weak dependencies and dependencies declared in a kept %{?name:…} body", () => {
    expect(evidenceOf("Supplements: python3-foo\nEnhances: python3dist(bar)\n")).toEqual([
      "live Supplements: python3-foo",
      "live Enhances: python3dist(bar)",
    ]);
    expect(evidenceOf("%bcond_without docs\n%{?with_docs:BuildRequires: python3-sphinx}\n")).toEqual(["live BuildRequires: python3-sphinx"]);
    expect(evidenceOf("%bcond_with docs\n%{?with_docs:BuildRequires: python3-sphinx}\n")).toEqual([]);
  });

  it("counts a %define body only where its macro is expanded", () => {
    expect(evidenceOf("%define run %{python3} -c pass\n")).toEqual([]);
    expect(evidenceOf("%define run %{python3} -c pass\n%build\n%{run}\n")).toEqual(["live %{python3}"]);
  });
});
