import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { pythonScope, shipsMetadata } from "../src/evaluation/python-scope.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { compileUntrustedRegExp } from "../src/text/untrusted-regexp.js";

/** The macro whose regular expression rpm applies to every generated requirement. */
const FILTER_MACRO = "__requires_exclude";

/**
 * A regular expression written for Python's generated requirements: `python3dist(…)`,
 * `python3\.[0-9]+dist\(…\)`, `python%{python3_version}dist(…)`, `python\(abi\)`.
 */
const NAMES_PYTHON_REQUIREMENT = /python(?:[0-9.\\?*+()]|\[[^\]]*\]|%\{[^}]*\})*dist|python\\*\(abi/;

/** A word of the expression that may be a project name (`flask` in `ldapdomaindump|flask`). */
const WORD = /[A-Za-z][A-Za-z0-9_.-]+/g;

/**
 * The requirement the filter drops, as the generator would write it, when the filter is a
 * regular expression that matches one: null when it does not (or cannot be read).
 */
function filteredPythonRequirement(evaluation: Evaluation, value: string): string | null {
  const expression = compileUntrustedRegExp(value);
  if (expression === null) return null;
  for (const word of value.match(WORD) ?? []) {
    if (word.toLowerCase().startsWith("python")) continue;
    const requirement = `python${evaluation.target.python3Version}dist(${word.toLowerCase()})`;
    if (expression.test(requirement)) return requirement;
  }
  return null;
}

export default defineRule({
  meta: {
    name: "dependency-filtered",
    severity: "info",
    type: "suggestion",
    guideline: pythonGuideline("_requires_and_buildrequires_with_standardized_names"),
    description: "`%global __requires_exclude` filtering the generated Python requirements: allowed only as a temporary workaround.",
    messages: {
      filtered:
        "`%{{keyword}} __requires_exclude` filters requirements the Python dependency generator produces ({{what}}); that is allowed only as a temporary workaround or for bootstrapping: fix the metadata with a patch and drop the filter when you can",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    let shipsPythonMetadata: boolean | null = null;
    return {
      macroDefinition(line) {
        if (line.name.text !== FILTER_MACRO || line.body === null) return;
        // The value in effect after this line, with earlier filters it extends (`%{__requires_exclude}|…`).
        const value = evaluation.expand(`%{?${FILTER_MACRO}}`, line.end).value ?? line.body.text;
        let what: string | null = null;
        const named = NAMES_PYTHON_REQUIREMENT.exec(value) ?? NAMES_PYTHON_REQUIREMENT.exec(line.body.text);
        if (named !== null) {
          what = `\`${named[0]}…\``;
        } else {
          shipsPythonMetadata ??= pythonScope(evaluation).packages.some((contents) => contents.built && shipsMetadata(contents));
          const requirement = shipsPythonMetadata ? filteredPythonRequirement(evaluation, value) : null;
          if (requirement !== null) what = `it matches \`${requirement}\``;
        }
        if (what === null) return;
        context.report({
          messageId: "filtered",
          data: { keyword: line.keyword, what },
          start: line.start,
          end: line.name.end,
        });
      },
    };
  },
});
