import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { isTopLevelModule, pythonScope, type PackageContents, type SitePackagesEntry } from "../src/evaluation/python-scope.js";

const METADATA_SUFFIXES = [".dist-info", ".egg-info"];

/**
 * A site-packages entry that may ship a distribution's metadata although it is not named as
 * such: a glob whose last `*` can stand for the name before `.dist-info` (`*`, `foo*`), or a
 * brace list that names one.
 */
function mayShipMetadata(entry: SitePackagesEntry): boolean {
  if (entry.ghost || entry.directoryOnly) return false;
  const first = entry.relative.split("/")[0] ?? "";
  if (first.includes("{") && first.includes("-info")) return true;
  const star = first.lastIndexOf("*");
  if (star === -1) return false;
  const after = first.slice(star + 1);
  return METADATA_SUFFIXES.some((suffix) => suffix.endsWith(after));
}

/** The first entry that installs a top-level module or package of its own into site-packages. */
function firstModule(contents: PackageContents): SitePackagesEntry | undefined {
  return contents.sitePackages.find((entry) => entry.topLevel && !entry.metadata && !entry.ghost && !entry.directoryOnly && isTopLevelModule(entry));
}

export default defineRule({
  meta: {
    name: "missing-dist-info",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_dist_info_metadata"),
    description: "A package installs modules into site-packages but the spec ships no `.dist-info`/`.egg-info` metadata for them.",
    messages: {
      missing:
        "{{package}} installs `{{path}}` into site-packages, but no package of the spec ships the distribution's `.dist-info` (or `.egg-info`) metadata; list it in `%files` (or use `%pyproject_save_files`)",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        const built = pythonScope(evaluation).packages.filter((contents) => contents.built);
        // The guideline lets a split project ship its metadata in one of its packages only.
        const metadataShipped = built.some(
          (contents) =>
            contents.opaqueFileList ||
            contents.pyprojectFileList ||
            contents.sitePackages.some((entry) => (entry.metadata && !entry.ghost) || mayShipMetadata(entry)),
        );
        if (metadataShipped) return;
        for (const contents of built) {
          const module = firstModule(contents);
          if (module === undefined) continue;
          context.report({
            messageId: "missing",
            data: {
              package: contents.package.name ?? contents.package.nameAsWritten,
              path: module.path.text,
            },
            start: module.path.start,
            end: module.path.end,
          });
        }
      },
    };
  },
});
