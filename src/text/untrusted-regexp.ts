/**
 * Regular expressions whose pattern comes from the spec (a `%__requires_exclude` filter, a
 * `%files` glob, a release around its dist tag). A hostile spec could write one that backtracks
 * exponentially (`(a|a)*b`) and stall the linter for hours.
 *
 * V8 can fall back to its linear-time regular expression engine when a match backtracks
 * excessively. That changes no result, only how a pathological match runs, so it is turned on
 * (process-wide, once) before such a pattern is compiled. The linear engine cannot run
 * backreferences, lookaround or counted repetition (`{m,n}`), nor the `i` and `u` flags, so
 * patterns with those are refused: the caller treats them as unreadable.
 */
import { createRequire } from "node:module";

// node:v8 is loaded by the first pattern from a spec, not by every start (~2 ms).
const require = createRequire(import.meta.url);

let linearFallbackEnabled = false;

/** Backreferences, lookaround and counted repetition, outside character classes. */
function needsBacktracking(source: string): boolean {
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const ch = source[index];
    if (ch === "\\") {
      const next = source[index + 1] ?? "";
      if (!inClass && ((next >= "1" && next <= "9") || next === "k")) return true;
      index++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
    } else if (ch === "[") {
      inClass = true;
    } else if (ch === "(" && source[index + 1] === "?" && (source[index + 2] === "=" || source[index + 2] === "!" || source[index + 2] === "<")) {
      // `(?<name>…)` is a named group, which the linear engine runs; `(?<=`/`(?<!` look behind.
      if (source[index + 2] !== "<" || source[index + 3] === "=" || source[index + 3] === "!") return true;
    } else if (ch === "{" && /^\{\d/.test(source.slice(index, index + 2))) {
      return true;
    }
  }
  return false;
}

/**
 * Compiles a pattern taken from spec text (no flags), or returns null when it is invalid or uses
 * what only a backtracking engine can run.
 */
export function compileUntrustedRegExp(source: string): RegExp | null {
  if (needsBacktracking(source)) return null;
  if (!linearFallbackEnabled) {
    (require("node:v8") as typeof import("node:v8")).setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
    linearFallbackEnabled = true;
  }
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}
