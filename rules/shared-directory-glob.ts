import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { scanMacroUses } from "../src/parser/macros.js";

/** Macros naming a directory shared by many packages, with what a package lists there instead. */
const SHARED_DIRECTORY_MACROS: ReadonlyMap<string, "modules" | "executables"> = new Map([
  ["python3_sitelib", "modules"],
  ["python3_sitearch", "modules"],
  ["python_sitelib", "modules"],
  ["python_sitearch", "modules"],
  ["python2_sitelib", "modules"],
  ["python2_sitearch", "modules"],
  ["_bindir", "executables"],
]);

const SHARED_DIRECTORY_NAMES: readonly string[] = [...SHARED_DIRECTORY_MACROS.keys()];

/** The text names one of `SHARED_DIRECTORY_MACROS`: most paths of a `%files` list do not. */
function mayNameSharedDirectory(text: string): boolean {
  return SHARED_DIRECTORY_NAMES.some((name) => text.includes(name));
}

/**
 * The shared directories as paths, after macro expansion: any interpreter's site-packages
 * (`/usr/lib/python3.12/site-packages`, `/usr/lib64/python3*\/site-packages`) and the
 * executables directory (with or without the `/usr` prefix of the merged file system).
 */
const SITE_PACKAGES = /^\/usr\/lib(?:64)?\/python[^/]*\/site-packages(?=\/|$)/;
const BINDIR = /^(?:\/usr)?\/bin(?=\/|$)/;

/** `rest` (what follows the shared directory) is only glob components: `/*`, `/*\/`, `/*\/*`. */
function globsEverything(rest: string): boolean {
  // Most paths name their files: no `*`, no glob to split into components.
  if (!rest.includes("*")) return false;
  const components = rest.split("/");
  if (components[0] !== "") return false;
  const named = components.slice(1).filter((component, index, all) => component !== "" || index !== all.length - 1);
  return named.length > 0 && named.every((component) => component === "*" || component === "**");
}

export default defineRule({
  meta: {
    name: "shared-directory-glob",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_explicit_lists"),
    description:
      "`%files` entries that glob everything in a shared directory: `%{python3_sitelib}/*`, `%{python3_sitearch}/*`, `%{_bindir}/*` and their spellings.",
    messages: {
      modules:
        "`{{path}}` takes everything in the shared directory `{{directory}}`; list this package's own modules and metadata instead",
      executables:
        "`{{path}}` takes everything in the shared directory `{{directory}}`; list this package's own executables instead",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;

    /** The shared directory `path` globs entirely, with what belongs there; null otherwise. */
    const sharedGlob = (text: string, offset: number): { directory: string; kind: "modules" | "executables" } | null => {
      // Only a path that starts with a macro can start with a shared directory's macro, and only
      // one that holds such a name.
      const first = text.startsWith("%") && mayNameSharedDirectory(text) ? scanMacroUses(text)[0] : undefined;
      if (first !== undefined && first.start === 0 && first.form !== "shell") {
        const kind = SHARED_DIRECTORY_MACROS.get(first.name);
        if (kind !== undefined) {
          let rest = text.slice(first.end);
          if (rest.includes("%")) rest = evaluation.expand(rest, offset).value ?? rest;
          return globsEverything(rest) ? { directory: text.slice(0, first.end), kind } : null;
        }
      }
      // Without a macro, a path without `*` stays one that globs nothing.
      if (!text.includes("%") && !text.includes("*")) return null;
      const expanded = evaluation.expand(text, offset).value;
      // A glob is needed after the directory: most paths name their files.
      if (expanded === null || !expanded.includes("*")) return null;
      const sitePackages = SITE_PACKAGES.exec(expanded);
      const directory = sitePackages ?? BINDIR.exec(expanded);
      if (directory === null || !globsEverything(expanded.slice(directory[0].length))) return null;
      return { directory: directory[0], kind: sitePackages !== null ? "modules" : "executables" };
    };

    return {
      filesLine(line) {
        if (line.directives.some((directive) => directive.name === "exclude")) return;
        for (const path of line.paths) {
          const shared = sharedGlob(path.text, path.start);
          if (shared === null) continue;
          context.report({
            messageId: shared.kind,
            data: { path: path.text, directory: shared.directory },
            start: path.start,
            end: path.end,
          });
        }
      },
    };
  },
});
