import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { expandedMacroUses, expandedRunsOf, expansionChangesText } from "../../src/evaluation/macro-uses.js";
import { scanMacroUses } from "../../src/parser/macros.js";
import { parseSpec } from "../../src/parser/parse.js";

function uses(text: string, target?: string): string[] {
  const evaluation = evaluate(parseSpec(text).tree, { target });
  return expandedMacroUses(evaluation).map(({ use, definition, line }) => {
    const via = definition === null ? "" : ` in ${definition.name.text}`;
    return `${line.line}:${use.name}${via}${use.argument === null ? "" : ` [${use.argument.text}]`}`;
  });
}

describe("expandedMacroUses", () => {
  it("skips comments, the changelog and dead branches", () => {
    const text = [
      "# %py3_build",
      "%if 0%{?rhel} && 0%{?rhel} < 9",
      "%py3_install",
      "%endif",
      "%build",
      "%pyproject_wheel",
      "%changelog",
      "- %py3_build",
      "",
    ].join("\n");
    expect(uses(text).filter((entry) => !entry.includes("rhel"))).toEqual(["6:pyproject_wheel"]);
    expect(uses(text, "epel-8")).toContain("3:py3_install");
  });

  it("does not expand the name a conditional tests, nor a body whose test fails", () => {
    const text = "%{?python_provide:%python_provide python3-foo}\n%{!?python_provide:%undefined_body}\n%{?nothing_here:%never}\n";
    expect(uses(text)).toEqual(["1:python_provide [python3-foo]"]);
  });

  it("expands a %global body at once and a %define body only where its macro is used", () => {
    const text = ["%global eager %py3_dir_a", "%define lazy %py3_dir_b", "%define unused %py3_dir_c", "%build", "%lazy", ""].join("\n");
    expect(uses(text)).toEqual(["1:py3_dir_a in eager", "2:py3_dir_b in lazy", "5:lazy"]);
  });

  it("follows %define bodies that use other %define macros", () => {
    const text = ["%define inner %py3_build", "%define outer %inner", "%build", "%outer", ""].join("\n");
    expect(uses(text)).toEqual(["1:py3_build in inner", "2:inner in outer", "4:outer"]);
  });

  it("ends the arguments of a plain macro inside a braced one where that one's argument ends", () => {
    expect(uses("%{?fedora:%undefine __pythondist_requires} trailing\n")).toEqual(["1:undefine [__pythondist_requires]"]);
  });

  it("reads section headers and conditional expressions", () => {
    const text = ["%if %{with tests}", "%endif", "%files -n python3-%{srcname}", ""].join("\n");
    expect(uses(text)).toEqual(["1:with [tests]", "3:srcname"]);
  });
});

describe("expandedRunsOf", () => {
  it("finds where a macro runs, written there or through a macro whose body uses it", () => {
    const text = [
      "%global generate %pyproject_buildrequires -t",
      "%define unused %pyproject_buildrequires -x",
      "%prep",
      "%pyproject_buildrequires",
      "%generate_buildrequires",
      "%generate",
      "",
    ].join("\n");
    const runs = expandedRunsOf(evaluate(parseSpec(text).tree), "pyproject_buildrequires");
    expect(runs.map(({ use, section }) => `${section.kind}:${use.name}`)).toEqual(["prep:pyproject_buildrequires", "generate_buildrequires:generate"]);
  });
});

describe("expansionChangesText", () => {
  function changes(line: string): Record<string, boolean> {
    const text = `Name: demo\nVersion: 1\n%global pkgver 2\n${line}\n`;
    const evaluation = evaluate(parseSpec(text).tree);
    const start = text.indexOf(line);
    return Object.fromEntries(
      scanMacroUses(text, start, start + line.length).map((use) => [text.slice(use.start, use.end), expansionChangesText(evaluation, use)]),
    );
  }

  it("leaves a name defined nowhere as written, as rpm does", () => {
    expect(changes("# printf %s %{centos} %%{name}")).toEqual({ "%s": false, "%{centos}": false });
  });

  it("changes defined macros, built-ins, conditional uses and shell", () => {
    expect(changes("# %{name} %pkgver %{?nothing} %(date) %define x 1")).toEqual({
      "%{name}": true,
      "%pkgver": true,
      "%{?nothing}": true,
      "%(date)": true,
      "%define": true,
    });
  });

  it("may change a macro whose definition comes from a build dependency", () => {
    expect(changes("# %pytest")).toEqual({ "%pytest": true });
  });
});
