import type { Finding, Fix, TextEdit } from "./types.js";

export interface ApplyFixesOptions {
  /** Also apply fixes marked `unsafe`. */
  unsafe: boolean;
}

export interface ApplyFixesResult {
  output: string;
  /** The findings whose fixes were applied, in the order they were chosen. */
  applied: Finding[];
}

/**
 * Edits conflict when they overlap, or when both touch the same point and one is an insertion
 * there (the order of the two results would be arbitrary).
 */
function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
}

function isWellFormed(fix: Fix, textLength: number): boolean {
  const inRange = fix.edits.every((edit) => 0 <= edit.start && edit.start <= edit.end && edit.end <= textLength);
  if (!inRange || fix.edits.length === 0) return false;
  return fix.edits.every((edit, i) => fix.edits.slice(i + 1).every((other) => !editsConflict(edit, other)));
}

function firstEditStart(fix: Fix): number {
  return Math.min(...fix.edits.map((edit) => edit.start));
}

/**
 * Applies the fixes of `findings` to `text`. A fix is applied whole or not at all; fixes that
 * conflict with one chosen earlier (in file order) are left for the next pass of `fixSpec`.
 */
export function applyFixes(text: string, findings: readonly Finding[], options: ApplyFixesOptions): ApplyFixesResult {
  const candidates = findings.filter(
    (finding): finding is Finding & { fix: Fix } =>
      finding.fix !== null &&
      (finding.fix.applicability === "safe" || options.unsafe) &&
      isWellFormed(finding.fix, text.length),
  );
  candidates.sort((a, b) => firstEditStart(a.fix) - firstEditStart(b.fix));

  const chosenEdits: TextEdit[] = [];
  const applied: Finding[] = [];
  for (const finding of candidates) {
    const edits = finding.fix.edits;
    if (edits.some((edit) => chosenEdits.some((chosen) => editsConflict(edit, chosen)))) continue;
    chosenEdits.push(...edits);
    applied.push(finding);
  }

  chosenEdits.sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: string[] = [];
  let copiedUpTo = 0;
  for (const edit of chosenEdits) {
    pieces.push(text.slice(copiedUpTo, edit.start), edit.text);
    copiedUpTo = edit.end;
  }
  pieces.push(text.slice(copiedUpTo));
  return { output: pieces.join(""), applied };
}
