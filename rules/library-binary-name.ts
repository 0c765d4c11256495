import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  isApplicationPackage,
  isCompanionPackage,
  isLibraryPackageName,
  namesPython,
  packageNameSpan,
  pythonScope,
  shipsDistribution,
  type PackageContents,
} from "../src/evaluation/python-scope.js";

/** What shows that the package ships a distribution into site-packages, as written. */
function evidence(contents: PackageContents): string {
  if (contents.pyprojectFileList) return "-f %{pyproject_files}";
  const entry = contents.sitePackages.find((candidate) => candidate.topLevel && !candidate.ghost && !candidate.directoryOnly);
  return entry?.path.text ?? "site-packages content";
}

/** `python3-` plus the name without its words that say "Python" (`libfoo-python3` → `python3-libfoo`). */
function suggestedName(name: string): string {
  const words = name.split("-").filter((word) => !namesPython(word));
  return `python3-${words.length > 0 ? words.join("-") : name}`;
}

export default defineRule({
  meta: {
    name: "library-binary-name",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_library_naming"),
    description: "A binary package that ships an importable Python library is not named with the `python3-` prefix.",
    messages: {
      notPrefixed:
        "Package {{name}} ships an importable Python library ({{evidence}}), so its name must start with `python3-` (e.g. {{suggestion}})",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        const scope = pythonScope(evaluation);
        // Without a Python word in the package name, only a `python-…` component says that the
        // package is a library rather than an application or a plugin of one.
        const sourceName = evaluation.packages[0]?.name ?? null;
        const librarySource = sourceName !== null && sourceName.startsWith("python-");
        for (const contents of scope.packages) {
          const { name, header } = contents.package;
          // Most packages ship no distribution: that is asked before anything about their names.
          if (!contents.built || name === null || !shipsDistribution(contents)) continue;
          const offset = header?.start ?? 0;
          if (isLibraryPackageName(name, evaluation, offset) || isCompanionPackage(evaluation, name)) continue;
          if (!namesPython(name) && !librarySource) continue;
          if (isApplicationPackage(contents)) continue;
          const where = packageNameSpan(evaluation, contents.package);
          if (where === null) continue;
          context.report({
            messageId: "notPrefixed",
            data: { name, evidence: evidence(contents), suggestion: suggestedName(name) },
            start: where.start,
            end: where.end,
          });
        }
      },
    };
  },
});
