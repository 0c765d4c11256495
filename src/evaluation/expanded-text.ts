/**
 * Text expanded for the target with a map back to the spec: which part of the expanded value
 * each literal run and each macro use of the written text became. Rules that look for a value
 * however it is spelled (`/usr/bin/python3`, `%{_bindir}/python3`) match the expanded text and
 * report, or fix, the written text it came from.
 */
import { UNKNOWN_MARK } from "../parser/expression.js";
import { scanMacroUses } from "../parser/macros.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation } from "./types.js";

export interface ExpandedPiece {
  /** The written text of the piece: a literal run or one outermost macro use. */
  start: number;
  end: number;
  /** Where its expansion is in `value`. */
  valueStart: number;
  valueEnd: number;
  macro: boolean;
}

export interface MappedExpansion {
  /** The expanded text; a macro use whose value is not known statically is one `UNKNOWN_MARK`. */
  value: string;
  pieces: ExpandedPiece[];
}

/** The written text behind a range of the expanded value. */
export interface WrittenRange {
  start: number;
  end: number;
  /** Both ends fall on piece boundaries or inside literal text, so the range can be rewritten. */
  exact: boolean;
  /** The whole range comes from the expansion of a single macro use. */
  withinOneMacro: boolean;
}

const expansionsOf = oncePerEvaluation((): Map<number, { end: number; mapped: MappedExpansion }> => new Map());

/**
 * Expands `text[start, end)` piece by piece: literal runs stay, each outermost macro use is
 * expanded alone. Several rules expand the same lines, so the last expansion from each start
 * offset is kept per evaluation; callers must not change it.
 */
export function expandMapped(evaluation: Evaluation, start: number, end: number): MappedExpansion {
  const byStart = expansionsOf(evaluation);
  const cached = byStart.get(start);
  if (cached !== undefined && cached.end === end) return cached.mapped;
  const mapped = computeExpandMapped(evaluation, start, end);
  byStart.set(start, { end, mapped });
  return mapped;
}

/**
 * Calls `visit` with each piece of `text[start, end)` in order: a literal run as written, or an
 * outermost macro use with its value (`UNKNOWN_MARK` when not known statically). Stops when
 * `visit` returns true.
 */
function walkPieces(
  evaluation: Evaluation,
  start: number,
  end: number,
  visit: (pieceStart: number, pieceEnd: number, value: string, macro: boolean) => boolean,
): void {
  const text = evaluation.tree.text;
  let cursor = start;
  const uses = scanMacroUses(text, start, end);
  for (let index = 0; index < uses.length; index++) {
    const use = uses[index]!;
    if (use.start < cursor) continue;
    if (use.start > cursor && visit(cursor, use.start, text.slice(cursor, use.start), false)) return;
    const expanded = evaluation.expand(text.slice(use.start, use.end), use.start).value ?? UNKNOWN_MARK;
    if (visit(use.start, use.end, expanded, true)) return;
    cursor = use.end;
  }
  if (end > cursor) visit(cursor, end, text.slice(cursor, end), false);
}

function computeExpandMapped(evaluation: Evaluation, start: number, end: number): MappedExpansion {
  const pieces: ExpandedPiece[] = [];
  let value = "";
  walkPieces(evaluation, start, end, (pieceStart, pieceEnd, pieceValue, macro) => {
    pieces.push({ start: pieceStart, end: pieceEnd, valueStart: value.length, valueEnd: value.length + pieceValue.length, macro });
    value += pieceValue;
    return false;
  });
  return { value, pieces };
}

/**
 * Whether the expanded value of `text[start, end)` (see {@link expandMapped}) holds `needle`,
 * found without building the mapped expansion: a rule looking for a word that most lines never
 * expand to asks this first.
 */
export function expandedTextIncludes(evaluation: Evaluation, start: number, end: number, needle: string): boolean {
  // The end of the value so far that a needle could start in and end in the next piece.
  let tail = "";
  let found = false;
  walkPieces(evaluation, start, end, (_pieceStart, _pieceEnd, pieceValue) => {
    const joined = tail + pieceValue;
    found = joined.includes(needle);
    tail = joined.slice(Math.max(0, joined.length - needle.length + 1));
    return found;
  });
  return found;
}

/** The written text that `[valueStart, valueEnd)` of the expanded value comes from. */
export function writtenRange(mapped: MappedExpansion, valueStart: number, valueEnd: number): WrittenRange {
  const first = pieceAt(mapped, valueStart, false);
  const last = pieceAt(mapped, valueEnd, true);
  if (first === undefined || last === undefined) return { start: 0, end: 0, exact: false, withinOneMacro: false };
  const startExact = !first.macro || first.valueStart === valueStart;
  const endExact = !last.macro || last.valueEnd === valueEnd;
  return {
    start: first.macro ? first.start : first.start + (valueStart - first.valueStart),
    end: last.macro ? last.end : last.start + (valueEnd - last.valueStart),
    exact: startExact && endExact,
    withinOneMacro: first === last && first.macro,
  };
}

/**
 * The piece holding the value offset: for a range start the piece the character at `offset`
 * comes from, for a range end the piece the character before it comes from.
 */
function pieceAt(mapped: MappedExpansion, offset: number, isEnd: boolean): ExpandedPiece | undefined {
  const at = isEnd ? offset - 1 : offset;
  return mapped.pieces.find((piece) => piece.valueStart <= at && at < piece.valueEnd);
}
