import { defineRule, pythonGuideline } from "../src/engine/index.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { parseExpression, type ExpressionNode } from "../src/parser/expression.js";
import { scanMacroUses } from "../src/parser/macros.js";
import type { MacroUse } from "../src/tree/nodes.js";

/** Macros whose value is a dotted Python version (`3.9`, `3.10`), which only `v"…"` compares right. */
const DOTTED_VERSION_MACROS: ReadonlySet<string> = new Set([
  "python3_version",
  "python_version",
  "__default_python3_version",
  "python3_pkgversion",
  "__default_python3_pkgversion",
]);

const ORDERING: ReadonlySet<string> = new Set(["<", "<=", ">", ">="]);

/** Stands for one macro use in the expression text given to the parser (lexed as an operand of unknown value). */
const MARK = "\uE000";

/** `text` is, or is defined (directly or through other macros) as, a dotted Python version. */
function isDottedVersion(evaluation: Evaluation, use: MacroUse, offset: number, depth = 0): boolean {
  if (DOTTED_VERSION_MACROS.has(use.name)) return true;
  if (depth > 8 || use.form !== "braced" && use.form !== "plain") return false;
  const definition = evaluation.definitionAt(use.name, offset);
  if (definition?.body == null || definition.start === null) return false;
  const inner = scanMacroUses(definition.body);
  return inner.some((candidate) => isDottedVersion(evaluation, candidate, offset, depth + 1));
}

/** The end of the operand token that starts at `offset` of the parsed text. */
function operandEnd(text: string, offset: number): number {
  const quote = text[offset] === "v" ? offset + 1 : offset;
  if (text[quote] === '"') {
    const close = text.indexOf('"', quote + 1);
    return close === -1 ? text.length : close + 1;
  }
  let end = offset;
  while (end < text.length && /[0-9\uE000]/.test(text[end]!)) end++;
  return end;
}

export default defineRule({
  meta: {
    name: "python-version-string-comparison",
    severity: "warning",
    type: "problem",
    guideline: pythonGuideline("_comparing_python_versions"),
    description: "`%if` orders `%{python3_version}` as a string or number (`3.10` sorts before `3.9`); compare `v\"…\"` versions or `%{python3_version_nodots}`.",
    messages: {
      comparison:
        "`{{expression}}` orders `{{macro}}` as a string, in which `3.10` < `3.9`; compare versions (`v\"%{python3_version}\" {{operator}} v\"3.N\"`) or `%{python3_version_nodots}` as numbers",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      conditional(line) {
        if (line.expression === null || (line.keyword !== "if" && line.keyword !== "elif")) return;
        const expression = line.expression;
        const uses: Array<{ use: MacroUse; at: number }> = [];
        let substituted = "";
        let cursor = expression.start;
        let covered = expression.start;
        const text = context.tree.text;
        for (const use of scanMacroUses(text, expression.start, expression.end)) {
          if (use.start < covered) continue;
          substituted += text.slice(cursor, use.start);
          uses.push({ use, at: substituted.length });
          substituted += MARK;
          cursor = use.end;
          covered = use.end;
        }
        substituted += text.slice(cursor, expression.end);
        if (!uses.some(({ use }) => isDottedVersion(evaluation, use, use.start))) return;
        // `%{python3_version} > 3.8`: a dotted number is no operand of rpm's grammar; read it as
        // the string it stands for (same length, so offsets stay).
        substituted = substituted.replace(/(?<![\w"])\d+(?:\.\d+)+(?![\w"])/g, (number) => `"${"x".repeat(number.length - 2)}"`);
        const parsed = parseExpression(substituted);
        if (parsed.ast === null) return;

        const versionUse = (node: ExpressionNode): MacroUse | null => {
          if (node.type !== "unknown" || node.literal === "version") return null;
          const end = operandEnd(substituted, node.offset);
          const found = uses.find(({ use, at }) => at >= node.offset && at < end && isDottedVersion(evaluation, use, use.start));
          return found?.use ?? null;
        };
        const visit = (node: ExpressionNode): void => {
          switch (node.type) {
            case "unary":
              visit(node.operand);
              return;
            case "ternary":
              visit(node.condition);
              visit(node.then);
              visit(node.otherwise);
              return;
            case "call":
              node.args.forEach(visit);
              return;
            case "binary": {
              if (ORDERING.has(node.operator)) {
                const use = versionUse(node.left) ?? versionUse(node.right);
                if (use !== null) {
                  context.report({
                    messageId: "comparison",
                    data: {
                      expression: expression.text.trim(),
                      macro: text.slice(use.start, use.end),
                      operator: node.operator,
                    },
                    start: use.start,
                    end: use.end,
                  });
                }
              }
              visit(node.left);
              visit(node.right);
              return;
            }
            default:
              return;
          }
        };
        visit(parsed.ast);
      },
    };
  },
});
