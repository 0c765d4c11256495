import { defineRule, RPM_SPEC_MANUAL_URL } from "../src/engine/index.js";
import { argumentWords, readMacroOptions } from "../src/evaluation/macro-calls.js";
import { resolvedWordValue, shellScripts } from "../src/evaluation/shell-scripts.js";
import type { Evaluation, SourceModel } from "../src/evaluation/types.js";
import { plainMacroArguments, scanMacroUses } from "../src/parser/macros.js";
import { SCRIPT_SECTIONS } from "../src/parser/section-header.js";
import { scriptWords, type ShellWord } from "../src/parser/shell.js";
import type { MacroUse, Section, Span } from "../src/tree/nodes.js";
import { occurrenceFinder } from "../src/text/occurrences.js";

/** Options that take a value, per patch-applying macro (the rest are flags). */
const VALUE_OPTIONS: ReadonlyMap<string, string> = new Map([
  ["patch", "PpbzFdo"],
  ["autopatch", "pmM"],
  ["autosetup", "abnSpz"],
  ["forgeautosetup", "abnSpz"],
]);

/** `%patch3`, `%{PATCH3}`: the macro that names patch 3. */
const NUMBERED_PATCH = /^(?:patch|PATCH)(\d+)$/;

/** Which patches the spec applies, as far as it can be read. */
interface Applied {
  numbers: Set<number>;
  /** Ranges of `%autopatch -m/-M`; `all` when every patch is applied. */
  ranges: Array<{ min: number; max: number }>;
  all: boolean;
  /** Some application cannot be read (Lua, an included file, a number from an unknown macro). */
  unknown: boolean;
}

function wholeNumber(value: string | null | undefined): number | null {
  return value !== null && value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** The arguments of a macro use: the rest of its line for `%name`, the text after `:`/space for `%{name …}`. */
function argumentsOf(evaluation: Evaluation, use: MacroUse): Span | null {
  return use.form === "plain" ? plainMacroArguments(evaluation.tree.text, use) : use.argument;
}

/** Records what one macro use applies. */
function readUse(evaluation: Evaluation, use: MacroUse, section: Section, applied: Applied): void {
  const numbered = NUMBERED_PATCH.exec(use.name);
  if (numbered !== null) {
    applied.numbers.add(Number(numbered[1]));
    return;
  }
  if (use.name === "patches") {
    applied.all = true;
    return;
  }
  if ((use.name === "lua" && section.kind === "prep") || use.name === "include") {
    applied.unknown = true;
    return;
  }
  if (use.name === "P" && use.form === "braced") {
    const number = wholeNumber(evaluation.expand(use.argument?.text ?? "", use.start).value?.trim());
    if (number === null) applied.unknown = true;
    else applied.numbers.add(number);
    return;
  }
  const valueLetters = VALUE_OPTIONS.get(use.name);
  if (valueLetters === undefined || use.negated || (use.form !== "plain" && use.form !== "braced")) return;
  const argument = argumentsOf(evaluation, use);
  const words = argument === null ? [] : argumentWords(evaluation, argument.start, argument.end);
  const { options, positionals, unknown: unreadable } = readMacroOptions(words, valueLetters);
  // `%autopatch -M%{?rhel:200}%{!?rhel:100}`: which patches apply differs between targets.
  const text = evaluation.tree.text;
  const unknown =
    unreadable ||
    words.some((word) => scanMacroUses(text, word.span.start, word.span.end).some((inner) => inner.conditional || inner.negated));
  switch (use.name) {
    case "autosetup":
    case "forgeautosetup":
      // Without -N, %autosetup applies every patch; an unreadable argument may or may not be -N.
      if (unknown || !options.some((option) => option.letter === "N")) applied.all = true;
      return;
    case "autopatch": {
      if (unknown) {
        applied.all = true;
        return;
      }
      if (positionals.length > 0) {
        for (const positional of positionals) {
          const number = wholeNumber(positional.value);
          if (number === null) applied.unknown = true;
          else applied.numbers.add(number);
        }
        return;
      }
      const min = options.find((option) => option.letter === "m");
      const max = options.find((option) => option.letter === "M");
      const low = min === undefined ? 0 : wholeNumber(min.value);
      const high = max === undefined ? Number.POSITIVE_INFINITY : wholeNumber(max.value);
      if (low === null || high === null) applied.all = true;
      else applied.ranges.push({ min: low, max: high });
      return;
    }
    case "patch": {
      if (unknown) {
        applied.unknown = true;
        return;
      }
      const values = [
        ...options.filter((option) => option.letter === "P").map((option) => option.value),
        ...positionals.map((positional) => positional.value),
      ];
      // A bare `%patch` applied the unnumbered patch, number 0, in the rpm versions that accepted it.
      if (values.length === 0) values.push("0");
      for (const value of values) {
        const number = wholeNumber(value);
        if (number === null) applied.unknown = true;
        else applied.numbers.add(number);
      }
      return;
    }
  }
}

/**
 * Text holding a use of a macro `readUse` reads holds one of these pieces of its name (`patch3`,
 * `PATCH3`, `P`, `patches`, `autopatch`, `lua`, `include`, `autosetup`): most lines with a `%`
 * hold none, and need no macro scan.
 */
const APPLYING_NAME_PIECES = ["atch", "P", "lua", "include", "setup"] as const;

function mayNameApplyingMacro(text: string): boolean {
  for (const piece of APPLYING_NAME_PIECES) if (text.includes(piece)) return true;
  return false;
}

/**
 * Every patch application written in the spec, in any branch: a patch applied for some target is
 * used. Reading stops once the answer is `all` or `unknown`, the only outcomes that end the rule.
 */
function readApplications(evaluation: Evaluation): Applied {
  const applied: Applied = { numbers: new Set(), ranges: [], all: false, unknown: false };
  if (evaluation.buildSystem?.impliedSections.includes("prep") === true) {
    applied.all = true;
    return applied;
  }
  const { tree } = evaluation;
  // Most lines (the whole changelog, descriptions) hold no `%`: the next one, searched once for
  // a run of lines, rules out a macro scan of the others.
  const holdsPercent = occurrenceFinder(tree.text, "%");
  for (const section of tree.sections) {
    // Only scripts apply patches: a `%patch3` in the changelog (an entry naming the patch it added)
    // or in the description applies nothing. Macro bodies are read wherever they are defined.
    const isScript = SCRIPT_SECTIONS.has(section.kind);
    for (const line of section.lines) {
      let span: Span | null = null;
      if (line.type === "TextLine" && isScript) span = line.content;
      else if (line.type === "MacroDefinitionLine") span = line.body;
      if (span === null) continue;
      if (!holdsPercent(span.start, span.end) || !mayNameApplyingMacro(span.text)) continue;
      for (const use of scanMacroUses(tree.text, span.start, span.end)) readUse(evaluation, use, section, applied);
      // Once every patch counts as applied, or some application cannot be read, the rest changes nothing.
      if (applied.all || applied.unknown) return applied;
    }
  }
  return applied;
}

/**
 * The file names the scripts name by a path (`patch -p1 < %{_sourcedir}/fix.patch` applies
 * `fix.patch`): every word's last path component, macros expanded.
 */
function scriptFileNames(evaluation: Evaluation): Set<string> {
  const names = new Set<string>();
  const add = (word: ShellWord): void => {
    const value = resolvedWordValue(evaluation, word);
    names.add(value.slice(value.lastIndexOf("/") + 1));
  };
  for (const { script } of shellScripts(evaluation)) scriptWords(script).forEach(add);
  return names;
}

/** The file name rpm gives a patch: what follows the last `/` of its value. */
function fileNameOf(source: SourceModel): string | null {
  return source.value === null ? null : source.value.slice(source.value.lastIndexOf("/") + 1);
}

export default defineRule({
  meta: {
    name: "patch-not-applied",
    severity: "warning",
    type: "problem",
    guideline: `${RPM_SPEC_MANUAL_URL}#patch`,
    description: "A `PatchN:` that `%prep` never applies (`%patch`, `%autosetup`, `%autopatch`, `%{PATCHn}`…).",
    messages: {
      notApplied: "patch {{number}} (`{{written}}`) is declared but never applied; apply it in %prep or drop it",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      endOfFile() {
        const patches = evaluation.sources.filter((source) => source.kind === "patch");
        if (patches.length === 0) return;
        const applied = readApplications(evaluation);
        if (applied.all || applied.unknown) return;
        let namedFiles: Set<string> | null = null;
        for (const patch of patches) {
          const number = patch.number;
          if (applied.numbers.has(number)) continue;
          if (applied.ranges.some((range) => range.min <= number && number <= range.max)) continue;
          const fileName = fileNameOf(patch);
          namedFiles ??= scriptFileNames(evaluation);
          if (fileName !== null && namedFiles.has(fileName)) continue;
          const line = patch.line;
          const span = line.type === "TagLine" ? { start: line.tag.start, end: line.value.end } : line.type === "TextLine" ? line.content : line;
          context.report({
            messageId: "notApplied",
            data: { number, written: tree.text.slice(span.start, span.end).trim() },
            start: span.start,
            end: span.end,
          });
        }
      },
    };
  },
});
