/** A line-based unified diff (the format of `diff -u` and `git diff`), used by `--diff`. */

interface DiffLine {
  kind: " " | "-" | "+";
  text: string;
}

/** Splits text into lines that keep their terminators, so a changed line ending is a change. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Myers' O(ND) shortest edit script between `a` and `b`. Each round keeps only the diagonals it
 * can reach, so memory is O(D²) for D differences, small for the localized edits of fixes.
 */
function shortestEditScript(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const frontier = new Int32Array(2 * max + 3);
  const rounds: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    rounds.push(frontier.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!);
      let x = down ? frontier[offset + k + 1]! : frontier[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const script: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = rounds.length - 1; d >= 0; d--) {
    const round = rounds[d]!;
    const at = (k: number): number => round[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      script.push({ kind: " ", text: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === previousX) script.push({ kind: "+", text: b[previousY]! });
      else script.push({ kind: "-", text: a[previousX]! });
    }
    x = previousX;
    y = previousY;
  }
  return script.reverse();
}

function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const same = (text: string): DiffLine => ({ kind: " ", text });
  return [
    ...a.slice(0, prefix).map(same),
    ...shortestEditScript(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)),
    ...a.slice(a.length - suffix).map(same),
  ];
}

function printLine(line: DiffLine): string {
  if (line.text.endsWith("\n")) return line.kind + line.text;
  return `${line.kind}${line.text}\n\\ No newline at end of file\n`;
}

/** The unified diff from `before` to `after` with `context` lines around changes; "" if equal. */
export function unifiedDiff(before: string, after: string, filePath: string, context = 3): string {
  if (before === after) return "";
  const lines = diffLines(splitLines(before), splitLines(after));
  const changed = lines.flatMap((line, index) => (line.kind === " " ? [] : [index]));
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const last = hunks[hunks.length - 1];
    if (last !== undefined && index - last[1] <= 2 * context + 1) last[1] = index;
    else hunks.push([index, index]);
  }
  let output = `--- a/${filePath}\n+++ b/${filePath}\n`;
  for (const [firstChange, lastChange] of hunks) {
    const start = Math.max(0, firstChange - context);
    const end = Math.min(lines.length, lastChange + context + 1);
    let oldStart = 1;
    let newStart = 1;
    for (const line of lines.slice(0, start)) {
      if (line.kind !== "+") oldStart++;
      if (line.kind !== "-") newStart++;
    }
    const body = lines.slice(start, end);
    const oldCount = body.filter((line) => line.kind !== "+").length;
    const newCount = body.filter((line) => line.kind !== "-").length;
    output += `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} `;
    output += `+${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`;
    output += body.map(printLine).join("");
  }
  return output;
}
