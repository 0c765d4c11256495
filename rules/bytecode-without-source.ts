import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { pythonScope, type FilesEntry } from "../src/evaluation/python-scope.js";
import { globToRegExp, isGlob } from "../src/parser/glob.js";
import { wholeMacroUse } from "../src/parser/macros.js";

/** The macro that lists a module together with its cache files. */
const PYCACHED = "pycached";

/** A bytecode file's path: `.pyc`, or `.pyo` of old Pythons. */
const BYTECODE = /\.py[co]$/;

/** The source file a bytecode file was compiled from, or null when its module name is a glob. */
function sourceOf(bytecodePath: string): string | null {
  const slash = bytecodePath.lastIndexOf("/");
  const directory = bytecodePath.slice(0, slash);
  const name = bytecodePath.slice(slash + 1);
  // `dir/__pycache__/foo.cpython-312.opt-1.pyc` comes from `dir/foo.py`; a legacy `dir/foo.pyc` too.
  const inCache = directory.endsWith("/__pycache__");
  const module = inCache ? name.slice(0, name.indexOf(".")) : name.replace(BYTECODE, "");
  if (module === "" || isGlob(module)) return null;
  return `${inCache ? directory.slice(0, -"/__pycache__".length) : directory}/${module}.py`;
}

/** `pattern` (a `%files` path, possibly a glob) lists `path` itself or a directory above it. */
function covers(pattern: string, path: string): boolean {
  // From the first of the trailing slashes only: a long run of slashes is not scanned quadratically.
  const normalized = pattern.replace(/(?<!\/)\/+$/, "");
  const glob = isGlob(normalized) ? globToRegExp(normalized) : null;
  for (let prefix = path; prefix.length > 0; prefix = prefix.slice(0, Math.max(0, prefix.lastIndexOf("/")))) {
    if (prefix === normalized || glob?.test(prefix) === true) return true;
  }
  return false;
}

function isPycachedWord(entry: FilesEntry): boolean {
  return wholeMacroUse(entry.path.text)?.name === PYCACHED;
}

export default defineRule({
  meta: {
    name: "bytecode-without-source",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_source_files_and_bytecode_cache"),
    description: "`%files` lists a `.pyc` file of a module whose `.py` source the same package does not list.",
    messages: {
      withoutSource:
        "`{{path}}` ships the bytecode of `{{source}}`, but {{package}} does not list that source file next to it; the source must be in the same package as its bytecode cache",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        for (const contents of pythonScope(evaluation).packages) {
          // A file list written by a build step, or a path that does not expand, may list the source.
          if (!contents.built || contents.pyprojectFileList || contents.opaqueFileList) continue;
          // Most packages list no bytecode file: nothing below can be reported for them.
          if (!contents.files.some((entry) => entry.expanded !== null && BYTECODE.test(entry.expanded))) continue;
          const entries = contents.files.filter((entry) => !isPycachedWord(entry));
          if (entries.some((entry) => entry.expanded === null)) continue;
          const listed = entries.filter((entry) => !entry.directives.has("exclude") && !entry.directives.has("dir"));
          const reported = new Set<number>();
          for (const entry of listed) {
            const path = entry.expanded!;
            if (!BYTECODE.test(path) || entry.directives.has("ghost") || reported.has(entry.path.start)) continue;
            const source = sourceOf(path);
            if (source === null || listed.some((other) => covers(other.expanded!, source))) continue;
            reported.add(entry.path.start);
            context.report({
              messageId: "withoutSource",
              data: {
                path: entry.path.text,
                source: source.slice(source.lastIndexOf("/") + 1),
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
