/**
 * Every rule and the parser on adversarial 50 kB lines, in each place a spec line can be: tag
 * values, section headers, shell, %files, %changelog, conditions, macro definitions, comments.
 * The lines repeat what the code looks for (blanks, macro openers, parentheses, dependency
 * operators, path pieces, shebangs…), which is what makes a backtracking regular expression or a
 * rescanning loop quadratic. Linear code lints each in well under a second; vitest's per-test
 * timeout is the bound, and the survey checks the results as the fuzz suite does.
 */
import { describe, expect, it } from "vitest";
import { encode, survey } from "./harness.js";

const LENGTH = 50_000;

const UNITS = [
  " ", "\t", "a", "a ", "-", ".", "/", ",", ":", "%", "%{", "%{?a:", "%(", "(", ")", "((", "a(", "\\", "#", "#!",
  "$(", "`", "'", '"', "*", "python3-", "python3dist(", "%{python3_sitelib}/", ">= ", "1.", " and ", "%{name} ", "+",
  "\u00e9",
];

/** Where the line goes: a spec around `LINE`. */
const CONTEXTS: Record<string, string> = {
  "Name tag": "Name: LINE\nVersion: 1\n",
  "Version and Release": "Name: a\nVersion: LINE\nRelease: LINE\n",
  "Summary tag": "Name: a\nSummary: LINE\n",
  "License tag": "Name: a\nLicense: LINE\n",
  "URL and Source tags": "Name: a\nURL: LINE\nSource0: LINE\n",
  "Requires tag": "Name: a\nRequires: LINE\n",
  "BuildRequires tag": "Name: a\nBuildRequires: LINE\n",
  "Provides and Obsoletes tags": "Name: a\nProvides: LINE\nObsoletes: LINE\n",
  "BuildArch and BuildSystem tags": "Name: a\nBuildArch: LINE\nBuildSystem: LINE\n",
  "%package header": "Name: a\n%package LINE\nSummary: b\n%description LINE\nText.\n%files LINE\n",
  "%description text": "Name: a\n%description\nLINE\n",
  "%prep shell": "Name: a\n%prep\nLINE\n",
  "%build shell": "Name: a\n%build\nsed -i LINE\n",
  "%install shell": "Name: a\n%install\nLINE\n%py3_shebang_fix LINE\n",
  "%check shell": "Name: a\n%check\n%pytest LINE\n%tox LINE\n",
  "%pyproject macros": "Name: a\n%generate_buildrequires\n%pyproject_buildrequires LINE\n%install\n%pyproject_save_files LINE\n",
  "%files line": "Name: a\n%files\nLINE\n%doc LINE\n",
  "%changelog": "Name: a\n%changelog\n* LINE\n- LINE\n",
  "%if expression": "Name: a\n%if LINE\nRequires: b\n%endif\n",
  "%ifarch list": "Name: a\n%ifarch LINE\nRequires: b\n%endif\n",
  "%global body": "%global foo LINE\nName: %{foo}\n",
  "%define body": "%define foo() LINE\nName: a\nSummary: %foo\n",
  "%bcond line": "%bcond LINE\nName: a\n",
  "comment and directive": "# LINE\n# rpmspec-lint: disable=LINE\nName: a\n",
};

describe("adversarial 50 kB lines", () => {
  it.each(Object.entries(CONTEXTS))("%s", (name, template) => {
    const problems: string[] = [];
    for (const unit of UNITS) {
      const line = unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
      problems.push(...survey(`${name}, run of ${JSON.stringify(unit)}`, encode(template.replaceAll("LINE", line))));
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
