import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { wholeMacroUse } from "../src/parser/macros.js";
import {
  commandBaseName,
  parseSedScript,
  sedScriptMayNamePython,
  sedScripts,
  targetsShebangLine,
  type SedCommand,
  type SedText,
  type ShellWord,
} from "../src/parser/shell.js";
import { pathfixIndex, PYTHON_COMMAND, scriptInvocations, shellScripts, type ScriptInvocation, type SectionScript } from "../src/evaluation/shell-scripts.js";
import { SHIPPING_BUILD_SECTIONS } from "../src/parser/section-header.js";

/** The macros that name the main Python 3 interpreter. */
const INTERPRETER_MACROS: ReadonlySet<string> = new Set(["python3", "__python3"]);

/** Interpreters that `%{python3}` replaces without changing which Python runs. */
const REPLACEABLE_PROGRAMS: ReadonlySet<string> = new Set(["python", "python3"]);
const REPLACEABLE_DIRECTORIES: ReadonlySet<string> = new Set(["/usr/bin/", "/bin/"]);

/** Text whose characters each know their offset in the spec. */
interface Located {
  value: string;
  /** The offset of `value[index]`. */
  offsetAt(index: number): number;
}

/** A piece of a sed script inside the shell word that holds the script. */
function locatedSedText(piece: SedText, word: ShellWord): Located {
  return { value: piece.value, offsetAt: (index) => word.offsetAt(piece.indices[index]!) };
}

function isBlankChar(ch: string | undefined): boolean {
  return ch === " " || ch === "\t";
}

/** Characters that end a shebang token: white space, a backslash (`\n` in printf) and quotes. */
const TOKEN_ENDS = new Set([" ", "\t", "\r", "\n", "\\", "'", '"']);

/** The end of the shebang token starting at `from`. */
function tokenEnd(value: string, from: number): number {
  let index = from;
  while (index < value.length && !TOKEN_ENDS.has(value[index]!)) index++;
  return index;
}

/** An interpreter written in a shebang: where it is and what it is. */
interface Interpreter {
  /** Indices into the located text. */
  start: number;
  end: number;
  /** The interpreter as written (`/usr/bin/env python3`, `/usr/bin/python2`, `/usr/bin/%{name}`). */
  written: string;
  /** `main`: the main Python 3 spelled as a path; `other`: Python 2 or another Python 3 build. */
  kind: "main" | "other";
  /** It can be replaced by `%{python3}` as it is written. */
  replaceable: boolean;
}

/** A sed script `checkSedCommand` may report: one writing a `#!`, or one whose pattern names Python. */
function mayRewriteShebang(script: string): boolean {
  return script.includes("#") || sedScriptMayNamePython(script);
}

export default defineRule({
  meta: {
    name: "python-shebang-not-macro",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_shebangs"),
    description: "The spec writes or rewrites a Python shebang to an interpreter other than `%{python3}`.",
    messages: {
      literal: "{{how}} writes the Python shebang `#!{{interpreter}}`; Python shebangs must name the interpreter as `%{python3}`",
      otherInterpreter:
        "{{how}} writes the Python shebang `#!{{interpreter}}`, which is not the main Python 3 interpreter; Python shebangs must use `%{python3}`",
    },
    fix: "safe",
  },
  create(context) {
    const { tree, evaluation } = context;
    /** What `%{python3}` is where the shebang is written (a spec may redefine `%{__python3}`). */
    const mainInterpreterAt = (offset: number): string | null => evaluation.expand("%{python3}", offset).value;

    /**
     * The interpreter of a shebang whose `#!` ends just before index `from` of `text`, when it is
     * a Python interpreter other than `%{python3}` (or a macro that resolves to it); else null.
     */
    const offendingInterpreter = (text: Located, from: number): Interpreter | null => {
      let start = from;
      while (isBlankChar(text.value[start])) start++;
      let end = tokenEnd(text.value, start);
      const token = text.value.slice(start, end);
      if (token === "") return null;
      let program = token;
      if (!token.includes("%") && commandBaseName(token) === "env") {
        let next = end;
        for (;;) {
          while (isBlankChar(text.value[next])) next++;
          const optionEnd = tokenEnd(text.value, next);
          const word = text.value.slice(next, optionEnd);
          if (!word.startsWith("-")) break;
          next = optionEnd;
        }
        const programEnd = tokenEnd(text.value, next);
        program = text.value.slice(next, programEnd);
        if (program === "") return null;
        end = programEnd;
      }
      const written = text.value.slice(start, end);
      if (!program.includes("%")) {
        if (!PYTHON_COMMAND.test(commandBaseName(program))) return null;
        const directory = token.slice(0, token.length - commandBaseName(token).length);
        // An interpreter is a command in a `bin` directory (`/usr/lib/python3.12` is not one).
        if (!token.startsWith("/") || !directory.endsWith("/bin/")) return null;
        const command = commandBaseName(program);
        const replaceable = REPLACEABLE_PROGRAMS.has(command) && REPLACEABLE_DIRECTORIES.has(directory);
        const main = REPLACEABLE_PROGRAMS.has(command) || mainInterpreterAt(text.offsetAt(start)) === `/usr/bin/${command}`;
        return { start, end, written, kind: main ? "main" : "other", replaceable };
      }
      const offset = text.offsetAt(start);
      const only = wholeMacroUse(program);
      if (only !== null && INTERPRETER_MACROS.has(only.name)) return null;
      const expanded = evaluation.expand(program, offset).value;
      if (expanded === null) return null;
      const mainInterpreter = mainInterpreterAt(offset);
      const resolvesToMain = mainInterpreter !== null && expanded === mainInterpreter;
      if (resolvesToMain && program === token && token.startsWith("%")) return null;
      if (!PYTHON_COMMAND.test(commandBaseName(expanded))) return null;
      return { start, end, written, kind: resolvesToMain ? "main" : "other", replaceable: false };
    };

    const report = (how: string, text: Located, interpreter: Interpreter, reportStart: number, canRewrite: boolean): void => {
      const start = text.offsetAt(interpreter.start);
      const lastOffset = text.offsetAt(interpreter.end - 1);
      const end = lastOffset + 1;
      const contiguous = end - start === interpreter.end - interpreter.start;
      const fixable = canRewrite && interpreter.replaceable && contiguous;
      context.report({
        messageId: interpreter.kind === "main" ? "literal" : "otherInterpreter",
        data: { how, interpreter: interpreter.written },
        start: Math.min(reportStart, start),
        end,
        conditionAt: reportStart,
        ...(fixable && {
          fix: { title: "Use %{python3} as the interpreter", edits: [{ start, end, text: "%{python3}" }] },
        }),
      });
    };

    /** The interpreter of a shebang written by `how`, starting at index `from` of `text` (after `#!`). */
    const checkInterpreter = (how: string, text: Located, from: number, reportStart: number, canRewrite: boolean): void => {
      const interpreter = offendingInterpreter(text, from);
      if (interpreter !== null) report(how, text, interpreter, reportStart, canRewrite);
    };

    const checkSedCommand = (command: SedCommand, word: ShellWord, sedWord: ShellWord): void => {
      const how = `\`${sedWord.value}\``;
      if (command.name === "s" && command.replacement !== null && command.pattern !== null) {
        const replacement = locatedSedText(command.replacement, word);
        // rpm expands `%{python3}` before sed runs: the fix must not put the delimiter in the script.
        const mainInterpreter = mainInterpreterAt(sedWord.start);
        const canRewrite = mainInterpreter !== null && command.delimiter !== null && !mainInterpreter.includes(command.delimiter);
        const hash = replacement.value.indexOf("#!");
        if (hash !== -1) {
          checkInterpreter(how, replacement, hash + 2, sedWord.start, canRewrite);
          return;
        }
        const startsPath = replacement.value.startsWith("/") || replacement.value.startsWith("%");
        if (startsPath && targetsShebangLine(command) && /python/i.test(command.pattern.value)) {
          checkInterpreter(how, replacement, 0, sedWord.start, canRewrite);
        }
        return;
      }
      if ((command.name === "i" || command.name === "c") && command.text !== null) {
        const text = locatedSedText(command.text, word);
        let at = 0;
        while (isBlankChar(text.value[at])) at++;
        if (text.value.startsWith("#!", at)) checkInterpreter(how, text, at + 2, sedWord.start, true);
      }
    };

    /** `pathfix.py -i INTERPRETER`: the value of `-i`, bundled (`-pni`) or attached (`-i/usr/bin/…`). */
    const checkPathfix = (words: readonly ShellWord[], nameIndex: number): void => {
      const name = words[nameIndex]!;
      for (let index = nameIndex + 1; index < words.length; index++) {
        const word = words[index]!;
        if (!word.value.startsWith("-") || word.value.startsWith("--")) continue;
        const letter = word.value.indexOf("i");
        if (letter === -1) continue;
        const attached = letter + 1 < word.value.length;
        const value = attached ? word : words[index + 1];
        if (value !== undefined) checkInterpreter(`\`${name.value}\``, value, attached ? letter + 1 : 0, name.start, true);
        return;
      }
    };

    /** Checks the shebangs a command writes (with `sed`, `echo`, `printf` or `pathfix.py`). */
    const checkInvocation = ({ words, name }: ScriptInvocation): void => {
      if (name === "sed") {
        for (const scriptWord of sedScripts(words)) {
          if (!mayRewriteShebang(scriptWord.value)) continue;
          for (const sedCommand of parseSedScript(scriptWord.value)) checkSedCommand(sedCommand, scriptWord, words[0]!);
        }
      } else if (name === "echo" || name === "printf") {
        for (const word of words.slice(1)) {
          if (word.value.startsWith("#!")) checkInterpreter(`\`${name}\``, word, 2, words[0]!.start, true);
        }
      } else {
        const pathfix = pathfixIndex(evaluation, words, name);
        if (pathfix !== -1) checkPathfix(words, pathfix);
      }
    };

    /** Checks one build script's here-documents, read in the text the script was scanned from. */
    const checkHereDocuments = ({ script, text }: SectionScript): void => {
      for (const document of script.hereDocuments) {
        let at = document.bodyStart;
        if (document.stripTabs) while (text[at] === "\t") at++;
        if (at >= document.bodyEnd || !text.startsWith("#!", at)) continue;
        const lineEnd = tree.text.indexOf("\n", at);
        const end = lineEnd === -1 ? tree.text.length : lineEnd;
        const line: Located = {
          value: tree.text.slice(at, end),
          offsetAt: (index) => at + index,
        };
        checkInterpreter("the here-document", line, 2, document.redirection.start, true);
      }
    };

    return {
      endOfFile() {
        for (const invocation of scriptInvocations(evaluation)) {
          if (SHIPPING_BUILD_SECTIONS.has(invocation.section.kind)) checkInvocation(invocation);
        }
        for (const sectionScript of shellScripts(evaluation)) {
          if (SHIPPING_BUILD_SECTIONS.has(sectionScript.section.kind)) checkHereDocuments(sectionScript);
        }
      },
    };
  },
});
