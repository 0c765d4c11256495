import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { commandInvocations, shellScripts } from "../../src/evaluation/shell-scripts.js";
import { isTestRun } from "../../src/evaluation/test-commands.js";
import { parseSpec } from "../../src/parser/parse.js";

function testRuns(lines: readonly string[]): boolean[] {
  const evaluation = evaluate(parseSpec(`Name: x\n%check\n${lines.join("\n")}\n`).tree, {});
  const [script] = shellScripts(evaluation);
  return script!.script.commands.map((command) => commandInvocations(evaluation, command).some((words) => isTestRun(evaluation, words)));
}

describe("isTestRun", () => {
  it("knows test macros, runners, test modules, test scripts and check targets", () => {
    expect(
      testRuns([
        "%pytest -k 'not network'",
        "%tox",
        "%pyproject_check_import -t",
        "%{py3_test_envvars} %{python3} -m unittest discover",
        "%{python3} -c 'import foo'",
        "%{__python3} runtests.py",
        "%{python3} setup.py test",
        "%make_build check",
        "ctest --output-on-failure",
        "xvfb-run -a pytest-3",
      ]),
    ).toEqual(Array(10).fill(true));
  });

  it("leaves preparation alone", () => {
    expect(
      testRuns(["export PYTHONPATH=%{buildroot}%{python3_sitelib}", "rm -rf .pytest_cache", "test -f foo", "%{python3} -m pip list", "make"]),
    ).toEqual(Array(5).fill(false));
  });
});
