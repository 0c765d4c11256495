import type { Span } from "../tree/nodes.js";

/**
 * Suppression directives, written in comment lines:
 *   # rpmspec-lint: disable=<rule>[,<rule>] -- reason     (the next non-comment line)
 *   # rpmspec-lint: disable-file=<rule>[,<rule>] -- reason (the whole file)
 */

const DIRECTIVE_PREFIX = "rpmspec-lint:";

/** A rule name in a directive, with its offsets in the spec text. */
export interface DirectiveRuleName {
  name: string;
  start: number;
  end: number;
}

export type DirectiveScope = "line" | "file";

export interface Directive {
  scope: DirectiveScope;
  rules: DirectiveRuleName[];
  /** The text after `--`, or null when no reason was given. */
  reason: string | null;
}

/** A comment that starts like a directive but cannot be read as one. */
export interface MalformedDirective {
  problem: string;
  start: number;
  end: number;
}

export type DirectiveParse = { directive: Directive } | { malformed: MalformedDirective };

function skipBlanks(text: string, index: number): number {
  while (index < text.length && (text[index] === " " || text[index] === "\t")) index++;
  return index;
}

/**
 * Reads a directive from the content of a comment line (the text after `#`); null when the
 * comment is not addressed to rpmspec-lint.
 */
export function parseDirective(content: Span): DirectiveParse | null {
  const text = content.text;
  let index = skipBlanks(text, 0);
  if (!text.startsWith(DIRECTIVE_PREFIX, index)) return null;
  const directiveStart = content.start + index;
  const malformed = (problem: string): DirectiveParse => ({
    malformed: { problem, start: directiveStart, end: content.start + text.trimEnd().length },
  });

  index = skipBlanks(text, index + DIRECTIVE_PREFIX.length);
  let keywordEnd = index;
  while (keywordEnd < text.length && /[a-z-]/.test(text[keywordEnd] ?? "")) keywordEnd++;
  const keyword = text.slice(index, keywordEnd);
  if (keyword !== "disable" && keyword !== "disable-file") {
    return malformed(
      keyword === ""
        ? "expected `disable=` or `disable-file=` after `rpmspec-lint:`"
        : `unknown directive \`${keyword}\`; expected \`disable=\` or \`disable-file=\``,
    );
  }
  index = skipBlanks(text, keywordEnd);
  if (text[index] !== "=") return malformed(`expected \`=\` after \`${keyword}\``);
  index++;

  const reasonMarker = text.indexOf("--", index);
  const listEnd = reasonMarker === -1 ? text.length : reasonMarker;
  const rules: DirectiveRuleName[] = [];
  let itemStart = index;
  for (let cursor = index; cursor <= listEnd; cursor++) {
    if (cursor < listEnd && text[cursor] !== ",") continue;
    const raw = text.slice(itemStart, cursor);
    const name = raw.trim();
    if (name === "") {
      return malformed(rules.length === 0 && cursor === listEnd ? `no rule named after \`${keyword}=\`` : "empty rule name in the list");
    }
    if (/\s/.test(name)) return malformed(`rule names must be separated by commas: \`${name}\``);
    const start = content.start + itemStart + (raw.length - raw.trimStart().length);
    rules.push({ name, start, end: start + name.length });
    itemStart = cursor + 1;
  }
  const reason = reasonMarker === -1 ? null : text.slice(reasonMarker + 2).trim() || null;
  return { directive: { scope: keyword === "disable" ? "line" : "file", rules, reason } };
}
