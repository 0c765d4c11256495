import { encodeSpecText } from "../text/decode.js";
import type { SourceEncoding } from "../tree/nodes.js";
import { applyFixes } from "./apply-fixes.js";
import { lintSpec, type LintOptions } from "./lint.js";
import type { Finding } from "./types.js";

/** Fixes can uncover or unblock others (overlapping fixes wait a pass); this bounds the loop. */
export const MAX_FIX_PASSES = 10;

export interface FixOptions extends LintOptions {
  /** Also apply fixes marked `unsafe`. */
  unsafe?: boolean;
}

export interface FixResult {
  filePath: string | null;
  encoding: SourceEncoding;
  /** The decoded input text (without BOM). */
  source: string;
  /** The fixed text (without BOM; `encoding.bom` says whether to write one back). */
  output: string;
  /** The findings that remain in `output`, sorted like `lintSpec`'s. */
  findings: Finding[];
  /** The findings whose fixes were applied, pass by pass (offsets refer to that pass's text). */
  applied: Finding[];
  /** Lint passes that applied fixes. */
  passes: number;
}

/**
 * Lints, applies the fixes, and lints the result again until no fix applies (or the pass limit
 * is reached). Line endings, BOM and charset are preserved: rules build edits in the file's
 * own newline style, the BOM is kept out of the text the edits apply to, and each pass re-reads
 * the fixed text as the bytes it will be written as (`encodeSpecText(output, encoding)`).
 */
export function fixSpec(input: string | Uint8Array, options: FixOptions): FixResult {
  const first = lintSpec(input, options);
  let current = first;
  const applied: Finding[] = [];
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const pass = applyFixes(current.source, current.findings, { unsafe: options.unsafe ?? false });
    if (pass.applied.length === 0 || pass.output === current.source) break;
    applied.push(...pass.applied);
    passes++;
    current = lintSpec(encodeSpecText(pass.output, first.encoding), options);
  }
  return {
    filePath: first.filePath,
    encoding: first.encoding,
    source: first.source,
    output: current.source,
    findings: current.findings,
    applied,
    passes,
  };
}
