import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { definitionNote, expandedUsesOf, expandsSpecOwnMacro, expansionOffset } from "../src/evaluation/macro-uses.js";

/**
 * The unversioned macros of python-rpm-macros, which all expand `%{__python}`, and their Python 3
 * spellings where one exists.
 */
const UNVERSIONED_MACROS: ReadonlyMap<string, string | null> = new Map([
  ["__python", "__python3"],
  ["python", "python3"],
  ["python_sitelib", "python3_sitelib"],
  ["python_sitearch", "python3_sitearch"],
  ["python_version", "python3_version"],
  ["python_version_nodots", "python3_version_nodots"],
  ["python_platform", "python3_platform"],
  ["python_platform_triplet", "python3_platform_triplet"],
  ["python_ext_suffix", "python3_ext_suffix"],
  ["python_cache_tag", "python3_cache_tag"],
  ["py_shebang_fix", "py3_shebang_fix"],
  ["py_build", null],
  ["py_build_wheel", null],
  ["py_build_egg", null],
  ["py_install", null],
  ["py_install_wheel", null],
  ["py_install_egg", null],
]);

export default defineRule({
  meta: {
    name: "unversioned-python-macro",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("__python"),
    description: "An unversioned Python macro (`%{__python}`, `%{python}`, `%{python_sitelib}`…) used while the spec does not define `%__python`.",
    messages: {
      unversioned:
        "`{{macro}}` expands the unversioned `%{__python}`, which fails the build unless the spec defines `%__python`{{instead}}{{where}}",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        for (const [name, versioned] of UNVERSIONED_MACROS) {
          for (const expanded of expandedUsesOf(evaluation, name)) {
            const { use } = expanded;
            // `%global python_sitelib %{python3_sitelib}`: the spec's own macro of that name.
            if (expandsSpecOwnMacro(evaluation, expanded)) continue;
            const offset = expansionOffset(evaluation, expanded);
            // A `%__python` of the spec's own (`%global __python %{__python3}`) gives them a meaning;
            // a `%define` body is expanded later, where any definition of the spec may be in effect.
            const python = evaluation.definitionAt("__python", offset);
            if (python === null || python?.start !== null) continue;
            context.report({
              messageId: "unversioned",
              data: {
                macro: `%${use.name}`,
                instead: versioned === null ? "" : `; use \`%{${versioned}}\``,
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
