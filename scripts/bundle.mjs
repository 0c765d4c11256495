// Bundles the CLI: loading chevrotain through its many ESM modules costs ~0.3 s per start, a
// bundle ~0.08 s, and pre-commit starts the tool on every commit. Code that plain linting does not
// run (review, inspect, fast-glob) is split into chunks that the CLI imports when it needs them,
// so a start reads and compiles only the linting code.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist/chunks", { recursive: true, force: true });
await build({
  entryPoints: { cli: "src/cli/main.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minifySyntax: true,
  sourcemap: "linked",
  legalComments: "linked",
  banner: {
    js: "import { createRequire as __rpmspecLintCreateRequire } from 'node:module'; const require = __rpmspecLintCreateRequire(import.meta.url);",
  },
  logLevel: "warning",
});
