// Writes docs/rules/README.md from the rules' metadata (`--check`: exit 1 when it is out of
// date instead). The rules are TypeScript, so esbuild bundles them for this one run.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const readmePath = path.join(root, "docs", "rules", "README.md");

// Inside node_modules so that the bundle's own imports of packages (spdx lists loaded with
// createRequire) resolve against the project's dependencies.
const cache = path.join(root, "node_modules", ".cache");
await mkdir(cache, { recursive: true });
const scratch = await mkdtemp(path.join(cache, "rpmspec-lint-readme-"));
try {
  const bundle = path.join(scratch, "rules.mjs");
  await build({
    stdin: {
      contents: 'export { allRules } from "./rules/index.ts"; export { renderRulesReadme } from "./scripts/rules-readme.ts";',
      resolveDir: root,
      loader: "ts",
    },
    outfile: bundle,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  const { allRules, renderRulesReadme } = await import(pathToFileURL(bundle).href);
  const text = renderRulesReadme(allRules);
  if (process.argv.includes("--check")) {
    const current = await readFile(readmePath, "utf8").catch(() => "");
    if (current !== text) {
      console.error("docs/rules/README.md is out of date: run node scripts/generate-rules-readme.mjs");
      process.exitCode = 1;
    }
  } else {
    await writeFile(readmePath, text);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
