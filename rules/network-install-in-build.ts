import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { commandText, isPythonInterpreterWord, scriptCommandInvocations } from "../src/evaluation/shell-scripts.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { ShellCommand, ShellWord } from "../src/parser/shell.js";
import { BUILD_SCRIPT_SECTIONS } from "../src/parser/section-header.js";

/** `pip`, `pip3`, `pip3.12`, `pip-3`, `pip-3.12`. */
const PIP_COMMAND = /^pip(?:-?\d+(?:\.\d+)?)?$/;

/** pip options of `install` that take a value as the next word. */
const VALUE_OPTIONS: ReadonlySet<string> = new Set([
  "-r",
  "--requirement",
  "-c",
  "--constraint",
  "-e",
  "--editable",
  "-t",
  "--target",
  "--root",
  "--prefix",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--src",
  "--upgrade-strategy",
  "--install-option",
  "--global-option",
  "-C",
  "--config-settings",
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "--progress-bar",
  "--log",
  "--cache-dir",
  "--root-user-action",
  "--report",
]);

/** The words after `install` of a pip invocation (`pip install`, `python3 -m pip install`), or null for other commands. */
function pipInstallArguments(evaluation: Evaluation, words: readonly ShellWord[], name: string): ShellWord[] | null {
  let index: number;
  if (PIP_COMMAND.test(name)) {
    index = 1;
  } else {
    // `-m pip` first: it is rare, and telling whether the command is Python expands macros.
    const module = words.findIndex((word) => word.value === "-m");
    if (module === -1 || words[module + 1]?.value !== "pip" || !isPythonInterpreterWord(evaluation, words[0]!)) return null;
    index = module + 2;
  }
  // pip's general options (`-v`, `--disable-pip-version-check`) may come before the command.
  while (index < words.length && words[index]!.value.startsWith("-")) index++;
  return words[index]?.value === "install" ? words.slice(index + 1) : null;
}

/**
 * The installation reaches a package index: nothing says `--no-index`, and what it installs is
 * not only local wheels taken without their dependencies (`--no-deps dist/*.whl`). Building a
 * local source tree needs an index too unless build isolation is off.
 */
function reachesIndex(command: ShellCommand, argumentWords: readonly ShellWord[]): boolean {
  if (command.words.some((word) => /^PIP_NO_INDEX=(?!0|false|no|off)/i.test(word.value))) return false;
  const options = new Set<string>();
  const requirements: string[] = [];
  for (let index = 0; index < argumentWords.length; index++) {
    const value = argumentWords[index]!.value;
    if (value.startsWith("-")) {
      const name = value.replace(/=.*$/, "");
      options.add(name);
      if (name === "-r" || name === "--requirement") requirements.push("-r");
      if (name === "-e" || name === "--editable") requirements.push(argumentWords[index + 1]?.value ?? "");
      if (VALUE_OPTIONS.has(name) && !value.includes("=")) index++;
      continue;
    }
    requirements.push(value);
  }
  if (options.has("--no-index")) return false;
  if (!options.has("--no-deps") || requirements.length === 0) return true;
  const local = (requirement: string): boolean => requirement.includes("/") || requirement.startsWith(".") || requirement.startsWith("%");
  if (!requirements.every(local)) return true;
  return !requirements.every((requirement) => /\.whl\b/.test(requirement)) && !options.has("--no-build-isolation");
}

export default defineRule({
  meta: {
    name: "network-install-in-build",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_build_macros"),
    description: "`pip install` (any spelling) that reaches a package index in a build section.",
    messages: {
      network:
        "`{{command}}` installs from a package index, but builds have no network and must use packaged dependencies; use the pyproject macros (`%pyproject_buildrequires`, `%pyproject_wheel`, `%pyproject_install`)",
    },
    fix: "none",
  },
  create(context) {
    const { tree, evaluation } = context;
    return {
      endOfFile() {
        for (const { section, command, words, name } of scriptCommandInvocations(evaluation)) {
          if (!BUILD_SCRIPT_SECTIONS.has(section.kind)) continue;
          const argumentWords = pipInstallArguments(evaluation, words, name);
          if (argumentWords === null || !reachesIndex(command, argumentWords)) continue;
          const end = words[words.length - 1]!.end;
          context.report({
            messageId: "network",
            data: {
              command: commandText(tree.text, words[0]!.start, end),
            },
            start: words[0]!.start,
            end,
          });
        }
      },
    };
  },
});
