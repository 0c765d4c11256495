import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { definitionNote, expandedUsesOf, expandsSpecOwnMacro } from "../src/evaluation/macro-uses.js";

/** The deprecated macros and what the guidelines use instead. */
const REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ["py3_build", "build with `%pyproject_wheel`"],
  ["py3_build_wheel", "build with `%pyproject_wheel`"],
  ["py3_build_egg", "build with `%pyproject_wheel`"],
  ["py_build", "build with `%pyproject_wheel`"],
  ["py_build_wheel", "build with `%pyproject_wheel`"],
  ["py3_other_build", "build with `%pyproject_wheel`"],
  ["py3_install", "install with `%pyproject_install` and `%pyproject_save_files`"],
  ["py3_install_wheel", "install with `%pyproject_install` and `%pyproject_save_files`"],
  ["py3_install_egg", "install with `%pyproject_install` and `%pyproject_save_files`"],
  ["py_install", "install with `%pyproject_install` and `%pyproject_save_files`"],
  ["py3_other_install", "install with `%pyproject_install` and `%pyproject_save_files`"],
  ["py3dir", "build in the unpacked sources with the pyproject macros"],
  ["python_provide", "use `%py_provides`, or nothing for a package named `python3-…` (its provides are generated)"],
  ["pyproject_build_lib", "test the installed package with `%pytest` or `%{py3_test_envvars}`"],
]);

export default defineRule({
  meta: {
    name: "deprecated-python-macro",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_deprecated_macros"),
    description: "A deprecated Python macro (`%py3_build`, `%py3_install`, `%python_provide`, `%{pyproject_build_lib}`…) in live code.",
    messages: {
      deprecated: "`{{macro}}` is deprecated; {{replacement}}{{where}}",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        for (const [name, replacement] of REPLACEMENTS) {
          for (const expanded of expandedUsesOf(evaluation, name)) {
            const { use } = expanded;
            // A macro of that name the spec defines itself is not python-rpm-macros' deprecated one.
            if (expandsSpecOwnMacro(evaluation, expanded)) continue;
            context.report({
              messageId: "deprecated",
              data: {
                macro: `%${use.name}`,
                replacement,
                where: definitionNote(expanded),
              },
              start: use.start,
              end: use.end,
            });
          }
        }
      },
    };
  },
});
