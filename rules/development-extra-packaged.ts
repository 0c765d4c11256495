import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { extrasMacroCalls, handWrittenExtras, normalizeExtraName } from "../src/evaluation/python-extras.js";

/** Extras that only serve upstream development: testing, documentation, linting, building. */
const DEVELOPMENT_EXTRAS: ReadonlySet<string> = new Set([
  "test",
  "tests",
  "testing",
  "dev",
  "develop",
  "doc",
  "docs",
  "lint",
  "build",
]);

/** The extras in which Fedora allows shipping the project's tests as files of the metapackage. */
const TEST_EXTRAS: ReadonlySet<string> = new Set(["test", "tests", "testing"]);

export default defineRule({
  meta: {
    name: "development-extra-packaged",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_handling_extras"),
    description: "An extras metapackage for a development-only extra (test, docs, dev, lint, build…).",
    messages: {
      handWritten:
        "Extras subpackage {{name}} packages the development-only extra [{{extra}}]; extras for upstream testing, docs, linting or building are not useful to other packages",
      generated:
        "`%{{macro}}` packages the development-only extra [{{extra}}] of {{base}}; extras for upstream testing, docs, linting or building are not useful to other packages",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        for (const extras of handWrittenExtras(evaluation)) {
          const extra = normalizeExtraName(extras.extra);
          if (!DEVELOPMENT_EXTRAS.has(extra)) continue;
          const shipsTests = extras.contents.shipsOtherFiles || extras.contents.opaqueFileList;
          if (TEST_EXTRAS.has(extra) && shipsTests) continue;
          const where = extras.contents.package.header?.subpackage;
          if (where === undefined || where === null) continue;
          context.report({
            messageId: "handWritten",
            data: { name: extras.name, extra: extras.extra },
            start: where.start,
            end: where.end,
          });
        }
        for (const call of extrasMacroCalls(evaluation)) {
          for (const given of call.extras) {
            if (given.name === null) continue;
            const extra = normalizeExtraName(given.name);
            if (!DEVELOPMENT_EXTRAS.has(extra)) continue;
            if (TEST_EXTRAS.has(extra) && call.continuesFiles) continue;
            context.report({
              messageId: "generated",
              data: { macro: call.macro, extra: given.name, base: call.baseName ?? "its base package" },
              start: given.span.start,
              end: given.span.end,
            });
          }
        }
      },
    };
  },
});
