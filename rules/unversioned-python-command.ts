import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { scriptCommandInvocations } from "../src/evaluation/shell-scripts.js";

/** The unversioned interpreter command: `python`, `/usr/bin/python`, `%{_bindir}/python`. */
const UNVERSIONED = "python";

export default defineRule({
  meta: {
    name: "unversioned-python-command",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_shebangs"),
    description: "`python` (or `/usr/bin/python`) invoked in a scriptlet, where no unversioned Python command exists.",
    messages: {
      unversioned:
        "`{{command}}` runs the unversioned `python` command, which Fedora does not provide by default (only `python-unversioned-command` does); invoke `%{python3}`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      endOfFile() {
        for (const { words, name } of scriptCommandInvocations(evaluation)) {
          if (name !== UNVERSIONED) continue;
          const word = words[0]!;
          context.report({
            messageId: "unversioned",
            data: {
              command: context.tree.text.slice(word.start, word.end),
            },
            start: word.start,
            end: word.end,
          });
        }
      },
    };
  },
});
