import { defineRule, RPM_SPEC_MANUAL_URL } from "../src/engine/index.js";
import { plainMacroArguments, scanMacroUses, splitMacroArguments } from "../src/parser/macros.js";
import { occurrenceFinder } from "../src/text/occurrences.js";

/** `%setup` options that take a value: `-a N`, `-b N`, `-n DIR` (rpm's %setup). */
const OPTIONS_WITH_VALUE = new Set(["a", "b", "n"]);

interface SetupOptions {
  /** Option letters given, bundled ones included (`-qn` gives `q` and `n`). */
  letters: Set<string>;
  /** A word in an option position holds macros that cannot be expanded statically. */
  unknown: boolean;
}

/**
 * The options of a `%setup` call. A word with macros in an option position is expanded (it may
 * hold options); option values (`-n %{name}-%{version}`) never matter.
 */
function setupOptions(words: readonly string[], expand: (word: string) => string | null, options: SetupOptions = { letters: new Set(), unknown: false }): SetupOptions {
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? "";
    if (word.includes("%")) {
      const expanded = expand(word);
      // Text that expansion left with a `%` (from `%%`) is not expanded a second time.
      if (expanded === null) options.unknown = true;
      else setupOptions(splitMacroArguments(expanded), () => null, options);
      continue;
    }
    if (!word.startsWith("-") || word === "-" || word.startsWith("--")) continue;
    for (let letter = 1; letter < word.length; letter++) {
      const option = word[letter] ?? "";
      options.letters.add(option);
      if (OPTIONS_WITH_VALUE.has(option)) {
        if (letter === word.length - 1) index++;
        break;
      }
    }
  }
  return options;
}

/** `-T` without `-a`/`-b` unpacks nothing, so there is nothing to quieten. */
function unpacksSomething(letters: ReadonlySet<string>): boolean {
  return !letters.has("T") || letters.has("a") || letters.has("b");
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
    // A `%setup` use holds the word; most %prep lines need no macro scan.
    const holdsSetup = occurrenceFinder(tree.text, "setup");
    return {
      textLine(line, section) {
        if (section.kind !== "prep") return;
        if (!holdsSetup(line.content.start, line.content.end)) return;
        for (const use of scanMacroUses(tree.text, line.content.start, line.content.end)) {
          if (use.name !== "setup" || (use.form !== "plain" && use.form !== "braced")) continue;
          const argument = use.form === "plain" ? plainMacroArguments(tree.text, use) : use.argument;
          const words = splitMacroArguments(argument?.text ?? "");
          const expand = (word: string): string | null => evaluation.expand(word, line.start).value;
          const options = setupOptions(words, expand);
          if (options.unknown || options.letters.has("q") || !unpacksSomething(options.letters)) continue;
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
