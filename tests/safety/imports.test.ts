/**
 * The static side of the guarantee: no module that handles spec text can start a program, open a
 * file or reach the network, because none of them, directly or through our other modules, imports
 * the Node modules that do. The watched runs in library.test.ts and cli.test.ts show what the
 * fixtures exercise; this covers the code paths they do not reach.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where spec text is parsed, evaluated, linted, fixed, inspected, formatted and reviewed. */
const SPEC_HANDLING_ENTRIES = [
  "src/engine/index.ts",
  "rules/index.ts",
  "src/inspect/index.ts",
  "src/evaluation/evaluate.ts",
  "src/formatters/index.ts",
  "src/formatters/review-json.ts",
  "src/formatters/review-markdown.ts",
  "src/review/report/review.ts",
];

/** Node modules that start programs or run code, open files, or reach the network. */
const FORBIDDEN = new Set(
  [
    ...["child_process", "cluster", "worker_threads", "vm", "inspector", "wasi"],
    ...["fs", "fs/promises"],
    ...["http", "http2", "https", "net", "tls", "dgram", "dns"],
  ].flatMap((name) => [name, `node:${name}`]),
);

function isImportOrRequire(callee: ts.Expression): boolean {
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require");
}

/**
 * The modules `file` loads when it runs: `import type` and `export type … from` are erased, every
 * other import and export (under verbatimModuleSyntax even `import { type X }`), `import(…)` and
 * `require(…)` load their module.
 */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    const loaded =
      (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly !== true) || (ts.isExportDeclaration(node) && !node.isTypeOnly);
    if (loaded && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && isImportOrRequire(node.expression)) {
      const [argument] = node.arguments;
      specifiers.push(argument !== undefined && ts.isStringLiteralLike(argument) ? argument.text : "<computed>");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** Our modules reachable from `entries` through relative imports, with what each imports. */
function reachableModules(entries: readonly string[]): Map<string, string[]> {
  const modules = new Map<string, string[]>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (modules.has(file)) continue;
    const imports = importsOf(file);
    modules.set(file, imports);
    expect(imports, `${file} loads a module it names at run time`).not.toContain("<computed>");
    for (const specifier of imports.filter((name) => name.startsWith("."))) {
      const target = path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, ".ts"));
      if (target.endsWith(".ts")) pending.push(target);
      else expect(existsSync(path.join(ROOT, target)), `${file} imports ${specifier}`).toBe(true);
    }
  }
  return modules;
}

describe("modules that handle spec text", () => {
  const modules = reachableModules(SPEC_HANDLING_ENTRIES);

  it("are found (the walk follows the imports of every rule)", () => {
    expect(modules.size).toBeGreaterThan(100);
    expect([...modules.keys()]).toEqual(expect.arrayContaining(["src/parser/parse.ts", "src/evaluation/expand.ts", "rules/hardcoded-python-path.ts"]));
  });

  it("import no Node module that runs programs, opens files or reaches the network", () => {
    const offending = [...modules].flatMap(([file, imports]) => imports.filter((name) => FORBIDDEN.has(name)).map((name) => `${file}: ${name}`));
    expect(offending).toEqual([]);
  });

  it("never evaluate text as code", () => {
    const offending = [...modules.keys()].filter((file) => /\beval\s*\(|\bnew\s+Function\s*\(/.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(offending).toEqual([]);
  });
});

describe("the whole of src/", () => {
  it("starts programs in one place only: the review's payload decompressor", () => {
    const modules = reachableModules(["src/index.ts", "src/cli/main.ts"]);
    const spawning = [...modules].filter(([, imports]) => imports.some((name) => name === "child_process" || name === "node:child_process"));
    expect(spawning.map(([file]) => file)).toEqual(["src/review/srpm/decompress.ts"]);
  });
});
