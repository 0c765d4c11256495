import { defineRule, packagingGuideline } from "../src/engine/index.js";
import { scanMacroUses } from "../src/parser/macros.js";
import { skipSpace } from "../src/parser/span.js";
import { lastDefinitionOffsets } from "../src/evaluation/evaluate.js";
import type { MacroDefinitionLine } from "../src/tree/nodes.js";


export default defineRule({
  meta: {
    name: "define-instead-of-global",
    severity: "info",
    type: "suggestion",
    guideline: packagingGuideline("_global_preferred_over_define"),
    description: "`%define` at the top level of the spec where `%global` is meant.",
    messages: {
      define: "`%define {{name}}` at the top level: use `%global {{name}}`, which is expanded once, where it is written",
    },
    fix: "none",
  },
  create(context) {
    const { tree } = context;
    const definitions: MacroDefinitionLine[] = [];
    /**
     * `%define` is meant when the body must be read where the macro is used: it refers to a macro
     * that is (re)defined after this line, or to the arguments of the macro that uses it.
     */
    const needsLateExpansion = (line: MacroDefinitionLine, lastDefinedAt: ReadonlyMap<string, number>): boolean => {
      if (line.body === null) return false;
      for (const use of scanMacroUses(tree.text, line.body.start, line.body.end)) {
        if (/^(?:-?[0-9*#]|\*\*|-[A-Za-z]\*?)$/.test(use.name)) return true;
        if ((lastDefinedAt.get(use.name) ?? -1) > line.start) return true;
      }
      return false;
    };
    return {
      macroDefinition(line) {
        if (line.keyword !== "define" || line.parameters !== null) return;
        definitions.push(line);
      },
      endOfFile() {
        if (definitions.length === 0) return;
        const lastDefinedAt = lastDefinitionOffsets(tree);
        for (const line of definitions) {
          if (needsLateExpansion(line, lastDefinedAt)) continue;
          context.report({
            messageId: "define",
            data: { name: line.name.text },
            start: skipSpace(tree.text, line.start, line.name.start),
            end: line.name.end,
          });
        }
      },
    };
  },
});
