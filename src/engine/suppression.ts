import type { CommentLine } from "../tree/nodes.js";
import { UNUSED_DIRECTIVE_RULE } from "./define-rule.js";
import { type Directive, type DirectiveRuleName, type DirectiveParse } from "./directives.js";
import type { LineEntry } from "./lines.js";
import type { Finding } from "./types.js";

/** A directive comment found in live or unknown code, with the line it applies to. */
export interface PlacedDirective {
  comment: CommentLine;
  parse: DirectiveParse;
  /** The next non-comment line; null when the comment is the last line of the file. */
  target: LineEntry | null;
}

/** A problem with a directive, reported as an `unused-disable-directive` finding. */
export interface DirectiveProblem {
  messageId: "unused" | "unusedFile" | "nothingFollows" | "unknownRule" | "malformed";
  data: Record<string, string | number>;
  start: number;
  end: number;
}

export interface RuleNames {
  /** Every rule the linter knows. */
  known: ReadonlySet<string>;
  /** The rules that ran (severity not `off`): only their directives can be unused. */
  enabled: ReadonlySet<string>;
}

interface DirectiveEntry {
  name: DirectiveRuleName;
  directive: Directive;
  placed: PlacedDirective;
  used: boolean;
}

/**
 * A line directive covers the next non-comment line and the comment lines before it, so that a
 * finding on a comment (another directive, a macro in a comment) can be silenced too.
 */
function silences(entry: DirectiveEntry, finding: Finding): boolean {
  if (entry.name.name !== finding.rule) return false;
  if (entry.directive.scope === "file") return true;
  const { comment, target } = entry.placed;
  return comment.end <= finding.start && (target === null || finding.start < target.node.end);
}

function suppress(findings: readonly Finding[], entries: readonly DirectiveEntry[]): Finding[] {
  return findings.filter((finding) => {
    let silenced = false;
    for (const entry of entries) {
      if (!silences(entry, finding)) continue;
      entry.used = true;
      silenced = true;
    }
    return !silenced;
  });
}

function unusedProblems(entries: readonly DirectiveEntry[], names: RuleNames): DirectiveProblem[] {
  const problems: DirectiveProblem[] = [];
  for (const entry of entries) {
    const { name, start, end } = entry.name;
    if (!names.known.has(name)) {
      problems.push({ messageId: "unknownRule", data: { rule: name }, start, end });
    } else if (!entry.used && names.enabled.has(name)) {
      const target = entry.placed.target;
      if (entry.directive.scope === "file") {
        problems.push({ messageId: "unusedFile", data: { rule: name }, start, end });
      } else if (target === null) {
        problems.push({ messageId: "nothingFollows", data: { rule: name }, start, end });
      } else {
        problems.push({ messageId: "unused", data: { rule: name, line: target.node.line }, start, end });
      }
    }
  }
  return problems;
}

export interface SuppressionResult {
  /** The findings that no directive silenced. */
  kept: Finding[];
  /** Turns the directive problems into findings; the result is filtered by the directives too. */
  directiveFindings(toFinding: (problem: DirectiveProblem) => Finding): Finding[];
}

/**
 * Applies the directives to the rules' findings. Directives that name `unused-disable-directive`
 * itself silence the problems found with the other directives, so they are applied last.
 */
export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly PlacedDirective[],
  names: RuleNames,
): SuppressionResult {
  const entries: DirectiveEntry[] = [];
  const malformed: DirectiveProblem[] = [];
  for (const placed of directives) {
    if ("malformed" in placed.parse) {
      const { problem, start, end } = placed.parse.malformed;
      malformed.push({ messageId: "malformed", data: { problem }, start, end });
      continue;
    }
    const directive = placed.parse.directive;
    for (const name of directive.rules) entries.push({ name, directive, placed, used: false });
  }
  const ruleEntries = entries.filter((entry) => entry.name.name !== UNUSED_DIRECTIVE_RULE);
  const selfEntries = entries.filter((entry) => entry.name.name === UNUSED_DIRECTIVE_RULE);
  const kept = suppress(findings, ruleEntries);
  return {
    kept,
    directiveFindings(toFinding) {
      const problems = [...malformed, ...unusedProblems(ruleEntries, names)];
      const remaining = suppress(problems.map(toFinding), selfEntries);
      return [...remaining, ...unusedProblems(selfEntries, names).map(toFinding)];
    },
  };
}
