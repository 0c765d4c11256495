import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { handWrittenExtras } from "../src/evaluation/python-extras.js";
import { shipsMetadata } from "../src/evaluation/python-scope.js";

export default defineRule({
  meta: {
    name: "extra-without-metadata",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_handling_extras"),
    description:
      "A hand-written extras subpackage whose `%files` has no `.dist-info`/`.egg-info` entry, so no `python3dist(…[extra])` is generated.",
    messages: {
      noMetadata:
        "Extras subpackage {{name}} lists no `.dist-info` or `.egg-info` directory in its `%files` (usually `%ghost`), so the dependency generator cannot provide or require anything for extra [{{extra}}]",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        for (const extras of handWrittenExtras(evaluation)) {
          if (shipsMetadata(extras.contents) || extras.contents.opaqueFileList) continue;
          const header = extras.contents.filesSections[0]?.header;
          if (header === undefined || header === null) continue;
          context.report({
            messageId: "noMetadata",
            data: { name: extras.name, extra: extras.extra },
            start: header.start,
            end: header.subpackage?.end ?? header.keyword.end,
          });
        }
      },
    };
  },
});
