import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { isTopLevelModule, pythonScope } from "../../src/evaluation/python-scope.js";
import { parseSpec } from "../../src/parser/parse.js";

const text = [
  "Name: python-foo",
  "%description",
  "x",
  "%files",
  "%dir %{python3_sitelib}/foo",
  "%exclude %{python3_sitelib}/foo/tests",
  "%{python3_sitelib}/foo.py %{_bindir}/foo",
  "%{python3_sitelib}/foo.pth",
  "%{python3_sitelib}/dnf-plugins/",
  "%{python3_sitearch}/_foo%{python3_ext_suffix}",
  "%if 0%{?rhel}",
  "%{python3_sitelib}/dead.py",
  "%endif",
  "",
].join("\n");

describe("pythonScope files", () => {
  const [contents] = pythonScope(evaluate(parseSpec(text).tree, {})).packages;

  it("lists every path of the lines that are not dead, expanded, with its directives", () => {
    expect(contents!.files.map((entry) => [entry.expanded, [...entry.directives].join(",")])).toEqual([
      ["/usr/lib/python3.15/site-packages/foo", "dir"],
      ["/usr/lib/python3.15/site-packages/foo/tests", "exclude"],
      ["/usr/lib/python3.15/site-packages/foo.py", ""],
      ["/usr/bin/foo", ""],
      ["/usr/lib/python3.15/site-packages/foo.pth", ""],
      ["/usr/lib/python3.15/site-packages/dnf-plugins/", ""],
      ["/usr/lib64/python3.15/site-packages/_foo.cpython-315-x86_64-linux-gnu.so", ""],
    ]);
  });

  it("tells importable top-level modules from other site-packages entries", () => {
    expect(contents!.sitePackages.map((entry) => [entry.relative, isTopLevelModule(entry)])).toEqual([
      ["foo", true],
      ["foo.py", true],
      ["foo.pth", false],
      ["dnf-plugins/", false],
      ["_foo.cpython-315-x86_64-linux-gnu.so", true],
    ]);
  });
});
