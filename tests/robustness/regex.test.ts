/**
 * No regular expression of src/ or rules/ backtracks catastrophically on spec text.
 *
 * The inventory is read from the sources with the TypeScript parser. Every regular expression
 * literal runs on adversarial 100 kB strings built from its own characters and words (long runs
 * of one character, of alternating pairs, of repeated words; each also followed by a character
 * that makes the match fail). Each expression runs in a worker thread that is stopped after a
 * few seconds: linear matching of all its inputs takes well under a second, while quadratic
 * backtracking (`\s+$` on a long run of blanks) takes several seconds per input and exponential
 * backtracking for ever, and the test names the expression and the input that hung.
 *
 * Expressions built at run time are listed with what makes each safe, so that a new one is
 * reviewed here before it ships; the hostile cases of each are tested below.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { lintSpec } from "../../src/index.js";
import { literalDependencyErrors } from "../../src/parser/dependencies.js";
import { globToRegExp } from "../../src/parser/glob.js";
import { INTERPRETER_SUBPACKAGES, matchesNameList, UNVERSIONED_PYTHON_PACKAGES } from "../../src/evaluation/python-dependencies.js";
import { compileUntrustedRegExp } from "../../src/text/untrusted-regexp.js";
import { PROJECT } from "./harness.js";

const LENGTH = 100_000;
/** Per expression, for all its inputs together. */
const TIME_LIMIT_MS = 5_000;

interface FoundExpression {
  where: string;
  literal: string;
}

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(file));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(file);
  }
  return found.sort();
}

/** Regular expression literals, and `new RegExp(…)`/`RegExp(…)` calls whose pattern is not a constant. */
function inventory(): { literals: FoundExpression[]; dynamic: string[] } {
  const literals: FoundExpression[] = [];
  const dynamic: string[] = [];
  for (const file of [...sourceFiles(path.join(PROJECT, "src")), ...sourceFiles(path.join(PROJECT, "rules"))]) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string =>
      `${path.relative(PROJECT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) literals.push({ where: where(node), literal: node.getText(source) });
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(source) === "RegExp") {
        const pattern = node.arguments?.[0];
        if (pattern === undefined || !(ts.isStringLiteral(pattern) || ts.isNoSubstitutionTemplateLiteral(pattern))) {
          dynamic.push(`${where(node)} ${node.getText(source).replace(/\s+/g, " ")}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, dynamic };
}

const BASE_CHARACTERS = [" ", "\t", "\n", "\r", "a", "Z", "0", "-", "_", ".", "/", "%", "{", "}", "(", ")", "[", "]", ":", ",", "*", "?", "\\", '"', "'", "#", "$", "=", "<", ">", "|", "+", "@", "~", "!", "\u00e9"];
const PAIRS = [" a", "a ", "-a", "a.", "%{", "{%", "a/", "(a", "a)", ", ", ": ", "\\ ", "a=", "0.", "%a", "a%", "$(", "#!"];

/** The units an expression's adversarial inputs repeat: its own characters and words, and common ones. */
function repeatedUnits(literal: string): string[] {
  const body = literal.slice(1, literal.lastIndexOf("/"));
  const characters = new Set(BASE_CHARACTERS);
  for (const character of body.replace(/\\[dswDSWbBnrtvf]/g, "")) characters.add(character);
  const words = new Set(body.match(/[A-Za-z][A-Za-z0-9_-]{1,}/g) ?? []);
  return [...characters, ...PAIRS, ...[...words].flatMap((word) => [word, `${word} `, `${word}-`, `${word}/`])];
}

/**
 * Runs in the worker: for each unit, a 100 kB run of it, alone, then followed by a character that
 * fails the match, then inside text; a global expression is run over all its matches, as the
 * code does. Reports each unit before running it, so a timeout names the input.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ literal, units, length }) => {
  const slash = literal.lastIndexOf("/");
  const flags = literal.slice(slash + 1);
  const expression = new RegExp(literal.slice(1, slash), flags);
  const everyMatch = new RegExp(expression.source, flags.includes("g") ? flags : flags + "g");
  for (const unit of units) {
    parentPort.postMessage({ running: unit });
    const run = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    for (const input of [run, run + "\\u0001", "a" + run + "!"]) {
      if (expression.global || expression.sticky) {
        everyMatch.lastIndex = 0;
        for (const _ of input.matchAll(everyMatch)) {}
      } else {
        expression.exec(input);
      }
    }
  }
  parentPort.postMessage({ done: true });
});
`;

/** One worker at a time, replaced when it has to be stopped. */
class ExpressionRunner {
  private worker: Worker | null = null;

  run(literal: string): Promise<string | null> {
    this.worker ??= new Worker(WORKER_SOURCE, { eval: true });
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      let running = "";
      const timer = setTimeout(() => {
        worker.removeAllListeners("message");
        void worker.terminate();
        this.worker = null;
        resolve(`still running after ${TIME_LIMIT_MS} ms on a ${LENGTH}-character run of ${JSON.stringify(running)}`);
      }, TIME_LIMIT_MS);
      worker.removeAllListeners("message");
      worker.removeAllListeners("error");
      worker.on("message", (message: { running?: string; done?: boolean }) => {
        if (message.running !== undefined) running = message.running;
        if (message.done === true) {
          clearTimeout(timer);
          resolve(null);
        }
      });
      worker.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      worker.postMessage({ literal, units: repeatedUnits(literal), length: LENGTH });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

const { literals, dynamic } = inventory();
const runner = new ExpressionRunner();
afterAll(() => runner.close());

describe("regular expression literals of src/ and rules/", () => {
  it("are found", () => {
    expect(literals.length).toBeGreaterThan(100);
  });

  it.each(literals.map((found) => [found.where, found.literal] as const))(
    "%s %s runs on 100 kB adversarial inputs without catastrophic backtracking",
    async (_, literal) => {
      expect(await runner.run(literal)).toBeNull();
    },
    TIME_LIMIT_MS + 5_000,
  );
});

describe("regular expressions built at run time", () => {
  it("are only those reviewed here", () => {
    const reviewed = new Map<string, string>([
      ["src/evaluation/python-dependencies.ts", "matchesNameList: constant names, each `*` as `.+` between escaped literals, anchored"],
      ["src/parser/dependencies.ts", "PLAIN_VALUE: built from constant pieces"],
      ["src/text/untrusted-regexp.ts", "compileUntrustedRegExp: patterns from the spec, with V8's linear-time fallback"],
    ]);
    expect(dynamic.filter((entry) => !reviewed.has(entry.slice(0, entry.indexOf(":"))))).toEqual([]);
  });

  it("matchesNameList runs in linear time on 100 kB names", () => {
    for (const list of [UNVERSIONED_PYTHON_PACKAGES, INTERPRETER_SUBPACKAGES]) {
      for (const unit of ["python-", "python3-", "-", "a", "python-a-", "-doc", "-wheel"]) {
        const name = unit.repeat(Math.ceil(LENGTH / unit.length));
        matchesNameList(list, name);
        matchesNameList(list, `${name}!`);
      }
    }
  });

  it("PLAIN_VALUE (literalDependencyErrors) runs in linear time on 100 kB values", () => {
    for (const unit of ["a ", "a,", "a(", "a(b)", "/a", "a >= 1", "a >= 1 ", "1:", "a-", " ", ",", "(", "a(b(c"]) {
      const value = unit.repeat(Math.ceil(LENGTH / unit.length));
      literalDependencyErrors(`${value}(`, 0);
    }
  });

  it("compileUntrustedRegExp runs the exponential patterns a spec could write in linear time", () => {
    for (const pattern of ["(a|a)*b", "(a+)+b", "(a*)*b", "^(\\w+\\s?)+$", "^(a|aa)+$"]) {
      const expression = compileUntrustedRegExp(pattern);
      expect(expression, pattern).not.toBeNull();
      for (const subject of [`python3.14dist(${"a".repeat(40)})`, `${"a".repeat(40)}!`]) expect(expression!.test(subject)).toBe(false);
    }
  });

  it("compileUntrustedRegExp refuses what only a backtracking engine runs, and invalid patterns", () => {
    for (const pattern of ["(a*)\\1", "(?<x>a)\\k<x>", "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "a{2,}", "(a|b){1,100}", "[z-a]", "(a"]) {
      expect(compileUntrustedRegExp(pattern), pattern).toBeNull();
    }
    for (const pattern of ["^python3dist\\(foo\\)$", "[\\1]", "(?<name>a)b", "a\\{2\\}", "^(?:a|b)*c$"]) {
      expect(compileUntrustedRegExp(pattern), pattern).not.toBeNull();
    }
  });

  it("a %files glob of many stars matches a long path in linear time", () => {
    const glob = globToRegExp(`/usr/lib/${"*a".repeat(30)}b`);
    expect(glob?.test(`/usr/lib/${"a".repeat(50_000)}`)).toBe(false);
    expect(globToRegExp("/usr/lib/[z-a]")).toBeNull();
  });

  it("a spec's hostile __requires_exclude and %files globs are linted in linear time", () => {
    const spec = [
      "Name: python-hostile",
      "Version: 1",
      "Release: 1",
      "Summary: Hostile patterns",
      "License: MIT",
      `%global __requires_exclude (a|a)*b ${"a".repeat(40)}`,
      `%global __requires_exclude %{__requires_exclude}|(${"a".repeat(40)}+)+b`,
      "%description",
      "Hostile patterns.",
      "%files",
      `%{python3_sitelib}/${"*a".repeat(30)}b/__pycache__/*.pyc`,
      `%{python3_sitelib}/${"a".repeat(20_000)}/__pycache__/x.cpython-314.pyc`,
      "%{python3_sitelib}/hostile-1.dist-info/",
      "",
    ].join("\n");
    const { findings } = lintSpec(spec);
    expect(findings.filter((finding) => finding.message.startsWith("internal error"))).toEqual([]);
  });
});
