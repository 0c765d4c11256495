import path from "node:path";
import { defineRule, packagingGuideline } from "../src/engine/index.js";
import { packageNameSpan } from "../src/evaluation/python-scope.js";

const SPEC_SUFFIX = ".spec";

export default defineRule({
  meta: {
    name: "spec-name-mismatch",
    severity: "error",
    type: "problem",
    guideline: packagingGuideline("_spec_file_naming"),
    description: "The spec file is not named `%{name}.spec` (checked only when linting a file).",
    messages: {
      mismatch: "the spec file is named `{{file}}` but the package is `{{name}}`; name it `{{name}}.spec`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, filePath } = context;
    return {
      endOfFile() {
        if (filePath === null) return;
        const file = path.basename(filePath);
        // Templates (`foo.spec.in`) and specs read from elsewhere are not named after the package.
        if (!file.endsWith(SPEC_SUFFIX)) return;
        const main = evaluation.packages[0];
        const name = main?.name ?? null;
        if (main === undefined || name === null || file.slice(0, -SPEC_SUFFIX.length) === name) return;
        const where = packageNameSpan(evaluation, main);
        if (where === null) return;
        context.report({ messageId: "mismatch", data: { file, name }, start: where.start, end: where.end });
      },
    };
  },
});
