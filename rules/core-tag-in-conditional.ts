import { defineRule, packagingGuideline } from "../src/engine/index.js";
import type { ConditionalBranch, ConditionalLine } from "../src/tree/nodes.js";

/** The tags that make up the package's identity (its NEVR). */
const CORE_TAGS: ReadonlySet<string> = new Set(["name", "version", "release", "epoch"]);

/** The `%if` (or `%ifarch`…) that opens the branch's block. */
function openingDirective(branch: ConditionalBranch): ConditionalLine {
  return branch.block.branches[0]?.directive ?? branch.directive;
}

/** How the branch's directive reads: `%if 0%{?rhel}`, or `%else` of `%if 0%{?rhel}`. */
function describeBranch(branch: ConditionalBranch): string {
  const directive = branch.directive;
  const opening = openingDirective(branch);
  const written = (line: ConditionalLine): string =>
    line.expression === null ? line.keywordSpan.text : `${line.keywordSpan.text} ${line.expression.text}`;
  if (directive.keyword === "else") return `the \`%else\` of \`${written(opening)}\``;
  return `\`${written(directive)}\``;
}

export default defineRule({
  meta: {
    name: "core-tag-in-conditional",
    severity: "warning",
    type: "suggestion",
    guideline: packagingGuideline("_spec_legibility"),
    description: "Name, Version, Release or Epoch set inside a conditional block.",
    messages: {
      conditional:
        "`{{tag}}:` is set inside {{branch}} (line {{line}}); keep Name, Version, Release and Epoch outside conditionals so that every reader of the spec sees the same package identity",
    },
    fix: "none",
  },
  create(context) {
    return {
      tagLine(line, section) {
        if (section.kind !== "preamble" && section.kind !== "package") return;
        if (!CORE_TAGS.has(line.name) || line.branch === null) return;
        context.report({
          messageId: "conditional",
          data: { tag: line.tag.text, branch: describeBranch(line.branch), line: line.branch.directive.line },
          start: line.tag.start,
          end: line.value.end,
          // The message names the branch's own condition: a note is due only for the ones around its block.
          conditionAt: openingDirective(line.branch).start,
        });
      },
    };
  },
});
