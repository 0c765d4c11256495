/**
 * Linting costs work linear in the size of the spec, shown by counting work instead of timing it
 * (timings belong to `npm run bench`): the same spec grown 1x, 2x, 4x, 8x must cost about 1x,
 * 2x, 4x, 8x as many
 * - reads of the tree's and the evaluation model's arrays (sections, lines, packages, their tags,
 *   sections and files…) and calls of the evaluation's methods: a rule that searches every
 *   package for every line reads quadratically many;
 * - whole-text operations: regular expressions, splits and replaces run on a string at least half
 *   as long as the spec. Their number must not grow at all: one per line or per section would be
 *   quadratic work hidden in a single call.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { lintEvaluated } from "../../src/engine/lint.js";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { pythonScope } from "../../src/evaluation/python-scope.js";
import type { Evaluation } from "../../src/evaluation/types.js";
import { parseSpec } from "../../src/parser/parse.js";
import { syntheticSpec } from "../../scripts/synthetic-spec.mjs";
import { CORPUS_PRESENT, corpusSpecs, PROJECT } from "./harness.js";

interface Work {
  /** Element reads of the tree's and the model's arrays, plus calls of the evaluation's methods. */
  structure: number;
  /** Regular expression runs, splits, replaces and unbounded searches over whole-text-sized strings. */
  wholeText: number;
}

function isIndex(key: string | symbol): boolean {
  if (typeof key !== "string" || key.length === 0) return false;
  const code = key.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** Counts reads of arrays, and knows which objects it has already visited or made. */
class ArrayReadCounter {
  private readonly visited = new WeakSet<object>();
  private readonly proxies = new WeakSet<object>();

  constructor(private readonly work: Work) {}

  counting<T extends object>(array: T[]): T[] {
    if (this.proxies.has(array)) return array;
    const work = this.work;
    const proxy = new Proxy(array, {
      get(target, property, receiver) {
        if (isIndex(property)) work.structure++;
        return Reflect.get(target, property, receiver);
      },
    });
    this.proxies.add(proxy);
    return proxy;
  }

  /** Replaces every array reachable from `root` (through objects and arrays) by a counting proxy. */
  wrapWithin(root: object): void {
    if (this.visited.has(root) || this.proxies.has(root)) return;
    this.visited.add(root);
    const record = root as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (value === null || typeof value !== "object" || value instanceof Map || value instanceof Set) continue;
      this.wrapWithin(value);
      if (Array.isArray(value) && Object.getOwnPropertyDescriptor(record, key)?.writable === true) {
        record[key] = this.counting(value);
      }
    }
  }
}

const EVALUATION_METHODS = [
  "livenessAt",
  "branchLiveness",
  "unknownConditionAt",
  "expand",
  "definitionAt",
  "bcond",
  "packageOf",
  "conditionOf",
] as const;

function countEvaluationCalls(evaluation: Evaluation, work: Work): void {
  const methods = evaluation as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of EVALUATION_METHODS) {
    const original = methods[name]!.bind(evaluation);
    methods[name] = (...args: unknown[]) => {
      work.structure++;
      return original(...args);
    };
  }
}

type Patched = { owner: object; name: string; original: unknown };
const patched: Patched[] = [];

/** Counts whole-text operations while `run` runs: `this`/the subject at least `threshold` long. */
function countWholeTextOperations<T>(threshold: number, work: Work, run: () => T): T {
  const patch = (owner: object, name: string, subject: (self: unknown, args: unknown[]) => unknown): void => {
    const original = (owner as Record<string, (...args: unknown[]) => unknown>)[name]!;
    patched.push({ owner, name, original });
    Object.defineProperty(owner, name, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        const text = subject(this, args);
        if (typeof text === "string" && text.length >= threshold) work.wholeText++;
        return original.apply(this, args);
      },
    });
  };
  for (const name of ["split", "replace", "replaceAll", "match", "matchAll", "search"]) patch(String.prototype, name, (self) => self);
  // A search without a start position runs over the whole string; one with a position is local.
  for (const name of ["includes", "indexOf", "lastIndexOf"]) patch(String.prototype, name, (self, args) => (args.length < 2 ? self : null));
  // A global or sticky expression searches from its lastIndex: a scan that moves on is local.
  const unpositioned = (self: unknown, args: unknown[]): unknown => ((self as RegExp).lastIndex === 0 ? args[0] : null);
  patch(RegExp.prototype, "exec", unpositioned);
  patch(RegExp.prototype, "test", unpositioned);
  try {
    return run();
  } finally {
    restorePatches();
  }
}

function restorePatches(): void {
  for (const { owner, name, original } of patched.splice(0).reverse()) {
    Object.defineProperty(owner, name, { configurable: true, writable: true, value: original });
  }
}

afterEach(restorePatches);

/** The work of parsing, evaluating and linting `text` with every rule. */
function workOf(text: string): Work {
  const work: Work = { structure: 0, wholeText: 0 };
  const threshold = Math.max(1, Math.floor(text.length / 2));
  const arrays = new ArrayReadCounter(work);
  const tree = countWholeTextOperations(threshold, work, () => parseSpec(text).tree);
  arrays.wrapWithin(tree);
  const evaluation = countWholeTextOperations(threshold, work, () => evaluate(tree));
  // The model's own arrays (packages with their tags and sections, sources, opaque constructs)
  // and the Python scope's, which rules search most.
  const model = evaluation as unknown as Record<string, unknown>;
  for (const key of ["packages", "sources", "opaque"] as const) {
    arrays.wrapWithin(evaluation[key]);
    model[key] = arrays.counting(evaluation[key] as object[]);
  }
  arrays.wrapWithin(pythonScope(evaluation));
  countEvaluationCalls(evaluation, work);
  const result = countWholeTextOperations(threshold, work, () => lintEvaluated(evaluation, { rules: allRules }));
  expect(result.findings.filter((finding) => finding.message.startsWith("internal error"))).toEqual([]);
  return work;
}

const SCALES = [1, 2, 4, 8] as const;

/** Work at each scale, with the ratios to 1x (printed, so a failure shows the whole curve). */
function growth(make: (scale: number) => string): { scale: number; bytes: number; work: Work }[] {
  return SCALES.map((scale) => {
    const text = make(scale);
    return { scale, bytes: text.length, work: workOf(text) };
  });
}

function expectLinear(name: string, points: ReturnType<typeof growth>): void {
  const [base] = points;
  const curve = points.map(
    (point) =>
      `${point.scale}x ${point.bytes} bytes: ${point.work.structure} structure reads/calls ` +
      `(${(point.work.structure / base!.work.structure).toFixed(2)}), ${point.work.wholeText} whole-text operations`,
  );
  for (const point of points) {
    // Linear work grows at most as fast as the size (fixed costs make it a little slower).
    expect(point.work.structure / base!.work.structure, `${name}\n${curve.join("\n")}`).toBeLessThanOrEqual(point.scale * 1.1);
    expect(point.work.wholeText, `${name}\n${curve.join("\n")}`).toBeLessThanOrEqual(base!.work.wholeText + 2);
  }
}

/** The spec with its sections after the preamble (up to %changelog) repeated `times` times. */
function repeatedBody(text: string, times: number): string {
  const lines = text.split("\n");
  const first = lines.findIndex((line) => /^%(package|description|prep|build|install|check|files)\b/.test(line));
  let last = lines.findIndex((line) => /^%changelog\b/.test(line));
  if (last === -1) last = lines.length;
  const body = lines.slice(first, last);
  return [...lines.slice(0, first), ...Array.from({ length: times }, () => body).flat(), ...lines.slice(last)].join("\n");
}

describe("work linear in the size of the spec", () => {
  it("a generated texlive-like spec, 50 to 400 subpackages", () => {
    expectLinear("generated spec", growth((scale) => syntheticSpec(50 * scale)));
  }, 120_000);

  it("our example spec with its body repeated", () => {
    const text = readFileSync(path.join(PROJECT, "specs-corpus", "_readme", "python-example.spec"), "utf8");
    expectLinear("python-example.spec", growth((scale) => repeatedBody(text, 10 * scale)));
  }, 120_000);

  it.skipIf(!CORPUS_PRESENT)("real specs with their body repeated (the shared corpus' three largest Python specs)", () => {
    const python = new Set(readFileSync(path.join(PROJECT, "..", "shared", "corpus", "python.txt"), "utf8").split("\n"));
    const largest = corpusSpecs()
      .filter((file) => python.has(path.basename(file)))
      .map((file) => ({ file, text: readFileSync(file, "utf8") }))
      .sort((a, b) => b.text.length - a.text.length)
      .slice(0, 3);
    for (const { file, text } of largest) expectLinear(path.basename(file), growth((scale) => repeatedBody(text, scale)));
  }, 240_000);
});
