import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { usesPython } from "../../src/evaluation/python-usage.js";
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
