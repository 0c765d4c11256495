import { defineRule, pythonGuideline } from "../src/engine/index.js";
import {
  commandBaseName,
  parseSedScript,
  sedScriptMayNamePython,
  sedScripts,
  targetsShebangLine,
  type SedCommand,
  type ShellWord,
} from "../src/parser/shell.js";
import { pathfixIndex, resolvedWordValue, scriptInvocations } from "../src/evaluation/shell-scripts.js";
import { SHIPPING_BUILD_SECTIONS } from "../src/parser/section-header.js";

/** Where CPython used to install pathfix.py; nothing provides it there any more. */
const REMOVED_PATHFIX_DIRECTORIES: ReadonlySet<string> = new Set(["/usr/bin/", "/bin/"]);

/**
 * A Python interpreter named in a sed pattern or replacement: a path or `env` word ending in
 * `python…` (`/usr/bin/python`, `env python3`) or a Python macro (`%{python3}`, `%__python3`).
 */
const NAMES_INTERPRETER = /(?:bin\/|env[ \t]+)python|%\{?_*python/i;

/**
 * The sed command rewrites a Python shebang: an `s` that targets the shebang line and puts
 * something in it (an empty replacement deletes the shebang, which is fine), or a `c` that
 * replaces line 1 with a Python shebang. When `#!` is written in the command, a mention of
 * `python` in the pattern or the new text is enough; a command that selects line 1 without
 * writing `#!` must name an interpreter (`1s/env python$/python3/`), so that edits of the first
 * line of other files (`1s/python-foo/python3-foo/`) are left alone. `i` inserts a shebang where
 * there was none, which `%py3_shebang_fix` cannot do, so it is not a manual fix.
 */
function rewritesPythonShebang(command: SedCommand): boolean {
  if (command.name === "s" && command.pattern !== null && command.replacement !== null) {
    const pattern = command.pattern.value;
    const replacement = command.replacement.value;
    if (replacement.trim() === "" || !targetsShebangLine(command)) return false;
    const writesShebangMark =
      pattern.includes("#!") ||
      replacement.includes("#!") ||
      command.addresses.some((address) => address.kind === "regex" && address.pattern.includes("#!"));
    if (writesShebangMark) return /python/i.test(pattern) || /python/i.test(replacement);
    return NAMES_INTERPRETER.test(pattern) || NAMES_INTERPRETER.test(replacement);
  }
  if (command.name === "c" && command.text !== null) {
    const text = command.text.value.trimStart();
    return targetsShebangLine(command) && text.startsWith("#!") && /python/i.test(text);
  }
  return false;
}

export default defineRule({
  meta: {
    name: "manual-shebang-fix",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_shebangs"),
    description: "Shebangs fixed with `pathfix.py` or `sed` instead of `%py3_shebang_fix` (error for `%{_bindir}/pathfix.py`, which no longer exists).",
    messages: {
      pathfix: "`{{command}}` fixes shebangs by hand; use `%py3_shebang_fix PATHS`, which also adds `%{py3_shebang_flags}`",
      removedPathfix:
        "`{{command}}` is not shipped by current Python, so this fails the build; fix the shebangs with `%py3_shebang_fix PATHS`",
      sed: "`sed` rewrites a Python shebang with `{{script}}`; use `%py3_shebang_fix PATHS`, which also adds `%{py3_shebang_flags}`",
    },
    messageSeverities: { removedPathfix: "error" },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    /** A command word's value with macros such as `%{__sed}` or `%{_bindir}` expanded when possible. */
    const resolved = (word: ShellWord): string => resolvedWordValue(evaluation, word);

    const reportPathfix = (word: ShellWord): void => {
      const path = resolved(word);
      const directory = path.slice(0, path.length - commandBaseName(path).length);
      context.report({
        messageId: REMOVED_PATHFIX_DIRECTORIES.has(directory) ? "removedPathfix" : "pathfix",
        data: { command: word.value },
        start: word.start,
        end: word.end,
      });
    };

    const checkSed = (words: readonly ShellWord[]): void => {
      for (const script of sedScripts(words)) {
        // Every shebang rewrite above names Python.
        if (!sedScriptMayNamePython(script.value) || !parseSedScript(script.value).some(rewritesPythonShebang)) continue;
        context.report({
          messageId: "sed",
          data: { script: script.value },
          start: words[0]!.start,
          end: script.end,
        });
        return;
      }
    };

    return {
      endOfFile() {
        for (const { section, words, name } of scriptInvocations(evaluation)) {
          if (!SHIPPING_BUILD_SECTIONS.has(section.kind)) continue;
          if (name === "sed") {
            checkSed(words);
          } else {
            const pathfix = pathfixIndex(evaluation, words, name);
            if (pathfix !== -1) reportPathfix(words[pathfix]!);
          }
        }
      },
    };
  },
});
