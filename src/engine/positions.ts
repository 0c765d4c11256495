import type { SpecFile } from "../tree/nodes.js";
import type { Position } from "./types.js";

/** 1-based line and column (UTF-16 units) of `offset`, from the tree's line starts. */
export function positionOf(tree: SpecFile, offset: number): Position {
  const starts = tree.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}
