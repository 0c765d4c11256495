import { compileUntrustedRegExp } from "../text/untrusted-regexp.js";

/**
 * `%files` globs as rpm matches them (glob(3) with brace expansion): `*` and `?` within one path
 * component, `[…]` character classes (`!` or `^` negates), `{a,b}` alternatives (nested ones too);
 * a backslash escapes the next character.
 */

/** The regular expression source of a glob, or of one `{…}` alternative when `inBraces` is set. */
function translate(pattern: string, start: number, inBraces: boolean): { source: string; end: number } {
  let source = "";
  let index = start;
  while (index < pattern.length) {
    const ch = pattern[index]!;
    if (inBraces && (ch === "," || ch === "}")) break;
    if (ch === "\\" && index + 1 < pattern.length) {
      source += escape(pattern[index + 1]!);
      index += 2;
    } else if (ch === "*") {
      source += "[^/]*";
      index++;
    } else if (ch === "?") {
      source += "[^/]";
      index++;
    } else if (ch === "[") {
      const close = classEnd(pattern, index);
      if (close === -1) {
        source += "\\[";
        index++;
        continue;
      }
      let body = pattern.slice(index + 1, close);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      source += `[${negated ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
      index = close + 1;
    } else if (ch === "{") {
      const alternatives: string[] = [];
      let cursor = index + 1;
      let closed = false;
      while (cursor <= pattern.length) {
        const part = translate(pattern, cursor, true);
        alternatives.push(part.source);
        cursor = part.end + 1;
        if (pattern[part.end] === "}") {
          closed = true;
          break;
        }
        if (part.end >= pattern.length) break;
      }
      if (!closed) {
        source += "\\{";
        index++;
        continue;
      }
      source += `(?:${alternatives.join("|")})`;
      index = cursor;
    } else {
      source += escape(ch);
      index++;
    }
  }
  return { source, end: index };
}

/** The index of the `]` that closes the class opened at `open`, or -1. */
function classEnd(pattern: string, open: number): number {
  let index = open + 1;
  if (pattern[index] === "!" || pattern[index] === "^") index++;
  if (pattern[index] === "]") index++;
  const close = pattern.indexOf("]", index);
  return close === -1 || pattern.slice(open, close).includes("/") ? -1 : close;
}

function escape(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * The glob as a regular expression matching whole paths; null when it cannot be compiled (a
 * class such as `[z-a]`). The glob comes from the spec: `*a*a*a*…b` must not backtrack for ever.
 */
export function globToRegExp(pattern: string): RegExp | null {
  return compileUntrustedRegExp(`^${translate(pattern, 0, false).source}$`);
}

/** The pattern has glob characters (`*`, `?`, `[`, `{`). */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}
