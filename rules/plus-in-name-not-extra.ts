import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { splitExtrasName } from "../src/evaluation/python-extras.js";
import {
  isLibraryPackageName,
  packageNameSpan,
  pythonScope,
  shipsImportableContent,
  shipsMetadata,
} from "../src/evaluation/python-scope.js";

export default defineRule({
  meta: {
    name: "plus-in-name-not-extra",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_name_limitations"),
    description: "A `+` inside the name of a built Python package that is not an extras subpackage.",
    messages: {
      notExtra:
        "Package {{name}} has `+` in its name, which is reserved for Python extras, but {{base}} is not a package of this spec; replace `+` with `-`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        const scope = pythonScope(evaluation);
        for (const contents of scope.packages) {
          const { name, header } = contents.package;
          if (!contents.built || name === null) continue;
          const split = splitExtrasName(name);
          if (split === null || scope.packageNamed(split.base) !== undefined) continue;
          const python =
            isLibraryPackageName(name, evaluation, header?.start ?? 0) ||
            shipsMetadata(contents) ||
            shipsImportableContent(contents);
          if (!python) continue;
          const where = packageNameSpan(evaluation, contents.package);
          if (where === null) continue;
          context.report({
            messageId: "notExtra",
            data: { name, base: split.base },
            start: where.start,
            end: where.end,
          });
        }
      },
    };
  },
});
