/** Line starts and 1-based line/column positions of UTF-16 offsets. */

export interface TextPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
}

/**
 * Offsets where each line starts; index 0 is line 1. Only `\n` ends a line (as for rpm, which
 * reads lines with getline): a CR is part of its line.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let newline = text.indexOf("\n");
  while (newline !== -1) {
    starts.push(newline + 1);
    newline = text.indexOf("\n", newline + 1);
  }
  return starts;
}

/** Index (0-based) of the line containing `offset`, by binary search over the line starts. */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((lineStarts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The 1-based line and column of `offset` in a parsed spec (anything carrying its line starts). */
export function positionAt(tree: { readonly lineStarts: readonly number[] }, offset: number): TextPosition {
  const index = lineIndexAt(tree.lineStarts, offset);
  return { line: index + 1, column: offset - (tree.lineStarts[index] ?? 0) + 1 };
}
