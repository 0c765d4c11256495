/**
 * What every input of the robustness suite must survive: parsing round-trips to the same bytes,
 * and lintSpec (all rules), fixSpec and inspectSpec finish without an exception and without a
 * rule crashing, with every finding inside the text it refers to.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fixSpec, inspectSpec, lintSpec, parseSpec, printSpecBytes, type Finding } from "../../src/index.js";
import { computeLineStarts, positionAt } from "../../src/text/positions.js";

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS = path.resolve(PROJECT, "..", "shared", "corpus", "fedora");
export const CORPUS_PRESENT = existsSync(CORPUS) && statSync(CORPUS).isDirectory();

/** A deterministic pseudo-random sequence (32-bit LCG): every run sees the same inputs. */
export function randomSequence(seed: number): (limit: number) => number {
  let state = seed >>> 0;
  return (limit) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * limit);
  };
}

/** Problems of one finding against the text it refers to; empty when it is well placed. */
function findingProblems(source: string, lineStarts: readonly number[], finding: Finding): string[] {
  const problems: string[] = [];
  const where = `${finding.rule} ${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} [${finding.start}, ${finding.end})`;
  if (!(0 <= finding.start && finding.start <= finding.end && finding.end <= source.length)) {
    problems.push(`${where}: offsets outside the text of length ${source.length}`);
    return problems;
  }
  const lines = lineStarts.length;
  for (const [line, column, offset] of [
    [finding.line, finding.column, finding.start],
    [finding.endLine, finding.endColumn, finding.end],
  ] as const) {
    if (!(Number.isInteger(line) && 1 <= line && line <= lines)) {
      problems.push(`${where}: line ${line} outside 1..${lines}`);
      continue;
    }
    const lineStart = lineStarts[line - 1]!;
    const lineEnd = line < lines ? lineStarts[line]! - 1 : source.length;
    if (!(Number.isInteger(column) && 1 <= column && column <= lineEnd - lineStart + 1)) {
      problems.push(`${where}: column ${column} outside 1..${lineEnd - lineStart + 1} of line ${line}`);
    }
    const expected = positionAt({ lineStarts }, offset);
    if (expected.line !== line || expected.column !== column) {
      problems.push(`${where}: offset ${offset} is ${expected.line}:${expected.column}, not ${line}:${column}`);
    }
  }
  if (finding.line > finding.endLine || (finding.line === finding.endLine && finding.column > finding.endColumn)) {
    problems.push(`${where}: starts after it ends`);
  }
  if (finding.message.startsWith("internal error in rule") || finding.message.includes("internal parser error")) {
    problems.push(`${where}: ${finding.message}`);
  }
  return problems;
}

/** Problems of a list of findings (all of them, so one run shows everything that is wrong). */
export function positionProblems(source: string, findings: readonly Finding[]): string[] {
  const lineStarts = computeLineStarts(source);
  return findings.flatMap((finding) => findingProblems(source, lineStarts, finding));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/**
 * Runs the whole library on `input` and returns what went wrong (empty when nothing did):
 * exceptions, a tree that does not print back to the input, misplaced findings, crashed rules.
 */
export function survey(label: string, input: Uint8Array): string[] {
  const problems: string[] = [];
  const attempt = (step: string, run: () => void): void => {
    try {
      run();
    } catch (error) {
      problems.push(`${label}: ${step} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
  attempt("parseSpec/printSpecBytes", () => {
    if (!sameBytes(printSpecBytes(parseSpec(input).tree), input)) problems.push(`${label}: the tree does not print back to the input bytes`);
  });
  attempt("lintSpec", () => {
    const result = lintSpec(input);
    problems.push(...positionProblems(result.source, result.findings).map((problem) => `${label}: lint: ${problem}`));
  });
  attempt("fixSpec", () => {
    const result = fixSpec(input, { unsafe: true });
    problems.push(...positionProblems(result.output, result.findings).map((problem) => `${label}: fix: ${problem}`));
  });
  attempt("inspectSpec", () => {
    inspectSpec(input, { filePath: label });
  });
  return problems;
}

/** Spec files of the shared corpus, sorted; empty when the corpus is absent. */
export function corpusSpecs(): string[] {
  if (!CORPUS_PRESENT) return [];
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith(".spec"))
    .sort()
    .map((name) => path.join(CORPUS, name));
}

/** `count` corpus specs spread over the sorted list, no larger than `maxBytes` each. */
export function corpusSample(count: number, maxBytes: number): Array<{ name: string; bytes: Uint8Array }> {
  const small = corpusSpecs().filter((file) => statSync(file).size <= maxBytes);
  const step = Math.max(1, Math.floor(small.length / count));
  return small
    .filter((_, index) => index % step === 0)
    .slice(0, count)
    .map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));
}

export function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
