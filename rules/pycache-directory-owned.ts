import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { pythonScope } from "../src/evaluation/python-scope.js";

/** The bytecode cache directory of the top-level modules, which Python itself owns. */
const PYCACHE = "__pycache__";

export default defineRule({
  meta: {
    name: "pycache-directory-owned",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_source_files_and_bytecode_cache"),
    description: "`%files` owns the `__pycache__` directory at the top level of sitelib/sitearch, which belongs to Python.",
    messages: {
      owned:
        "`{{path}}` makes {{package}} own the top-level `__pycache__` directory of site-packages, which Python owns; list the module with `%pycached` or its own cache files (`__pycache__/foo.cpython-*.pyc`)",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        for (const contents of pythonScope(evaluation).packages) {
          if (!contents.built) continue;
          const reported = new Set<number>();
          for (const entry of contents.sitePackages) {
            if (entry.relative.replace(/(?<!\/)\/+$/, "") !== PYCACHE || reported.has(entry.path.start)) continue;
            reported.add(entry.path.start);
            context.report({
              messageId: "owned",
              data: {
                path: entry.path.text,
                package: contents.package.name ?? contents.package.nameAsWritten,
              },
              start: entry.path.start,
              end: entry.path.end,
            });
          }
        }
      },
    };
  },
});
