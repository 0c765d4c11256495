import { defineRule, RPM_SPEC_MANUAL_URL } from "../src/engine/index.js";
import { plainMacroArguments, scanMacroUses, splitMacroArguments } from "../src/parser/macros.js";

/** `%setup` options that take a value: `-a N`, `-b N`, `-n DIR` (rpm's %setup). */
const OPTIONS_WITH_VALUE = new Set(["a", "b", "n"]);

/** Whether `%setup` words include `-q`, alone or bundled (`-qn name`, `-cq`). */
function hasQuietOption(words: readonly string[]): boolean {
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? "";
    if (!word.startsWith("-") || word === "-" || word.startsWith("--")) continue;
    for (let letter = 1; letter < word.length; letter++) {
      const option = word[letter] ?? "";
      if (option === "q") return true;
      if (OPTIONS_WITH_VALUE.has(option)) {
        if (letter === word.length - 1) index++;
        break;
      }
    }
  }
  return false;
}

export default defineRule({
  meta: {
    name: "setup-not-quiet",
    severity: "warning",
    type: "suggestion",
    guideline: `${RPM_SPEC_MANUAL_URL}#setup`,
    description: "`%setup` without `-q`, which lists every unpacked file in the build log.",
    messages: {
      notQuiet: "`%setup` without `-q` lists every unpacked file in the build log",
    },
    fix: "safe",
  },
  create(context) {
    const { tree, evaluation } = context;
    return {
      textLine(line, section) {
        if (section.kind !== "prep") return;
        for (const use of scanMacroUses(tree.text, line.content.start, line.content.end)) {
          if (use.name !== "setup" || (use.form !== "plain" && use.form !== "braced")) continue;
          const argument = use.form === "plain" ? plainMacroArguments(tree.text, use) : use.argument;
          let argumentText = argument?.text ?? "";
          if (argumentText.includes("%")) {
            const expanded = evaluation.expand(argumentText, line.start).value;
            if (expanded === null) continue;
            argumentText = expanded;
          }
          if (hasQuietOption(splitMacroArguments(argumentText))) continue;
          context.report({
            messageId: "notQuiet",
            start: use.start,
            end: use.end,
            ...(use.form === "plain" && {
              fix: { title: "Add -q to %setup", edits: [{ start: use.end, end: use.end, text: " -q" }] },
            }),
          });
        }
      },
    };
  },
});
