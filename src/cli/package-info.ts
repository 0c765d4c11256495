import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_NAME = "rpmspec-lint";
export const PROJECT_URL = "https://github.com/rpmspec-lint/rpmspec-lint";

export interface PackageInfo {
  /** The directory holding package.json and docs/. */
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

/**
 * Finds the package root by walking up from this module: it is `src/cli/` in development and
 * the single bundled `dist/cli.js` when installed, so a fixed relative path would not do.
 */
export function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(directory, "package.json");
    if (existsSync(manifest)) {
      const data = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (data.name === PACKAGE_NAME) {
        cached = { root: directory, version: data.version ?? "0.0.0" };
        return cached;
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}
