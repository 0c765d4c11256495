import { scanMacroUses } from "../src/parser/macros.js";
import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  isCompanionPackage,
  isLibraryPackageName,
  libraryNamePrefixOf,
  namedAfterCommand,
  pythonScope,
  shipsDistribution,
} from "../src/evaluation/python-scope.js";

export default defineRule({
  meta: {
    name: "library-source-name",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_library_naming"),
    description: "A source package that primarily ships a Python library is not named with the `python-` prefix.",
    messages: {
      notPrefixed:
        "Source package {{name}} builds only Python library packages ({{packages}}), so its `Name:` must start with `python-` (e.g. {{suggestion}})",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        const main = evaluation.packages[0];
        const name = main?.name ?? null;
        if (main === undefined || name === null || name.startsWith("python-")) return;
        const nameTag = main.tags.find((tag) => tag.name === "name" && evaluation.livenessAt(tag.start) !== "dead");
        if (nameTag === undefined) return;
        // EPEL's alternative Python stacks name their sources after the stack (python3.11-foo).
        const written = scanMacroUses(nameTag.value.text)[0];
        if (written !== undefined && nameTag.value.text.startsWith("python") && written.start === "python".length) {
          if (written.name === "python3_pkgversion" || written.name === "python3_other_pkgversion") return;
        }
        const stackPrefix = libraryNamePrefixOf(name, evaluation, nameTag.start);
        if (stackPrefix !== null && stackPrefix !== "python3-") return;

        const scope = pythonScope(evaluation);
        const built = scope.packages.filter((contents) => contents.built);
        if (built.length === 0) return;
        const libraries = [];
        for (const contents of built) {
          const packageName = contents.package.name;
          if (packageName === null) return;
          const offset = contents.package.header?.start ?? nameTag.start;
          if (isLibraryPackageName(packageName, evaluation, offset)) libraries.push(contents);
          else if (!isCompanionPackage(evaluation, packageName)) return;
        }
        const importable = libraries.filter(shipsDistribution);
        const first = importable[0];
        if (first === undefined) return;
        // A source named after the command its library package installs is an application.
        if (libraries.some((contents) => namedAfterCommand(name, contents.executables))) return;
        const libraryName = first.package.name!;
        const prefix = libraryNamePrefixOf(libraryName, evaluation, nameTag.start);
        context.report({
          messageId: "notPrefixed",
          data: {
            name,
            packages: libraries.map((contents) => contents.package.name).join(", "),
            suggestion: `python-${libraryName.slice(prefix?.length ?? 0)}`,
          },
          start: nameTag.value.start,
          end: nameTag.value.end,
        });
      },
    };
  },
});
