import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { plainMacroArguments, scanMacroUses, splitMacroArguments } from "../src/parser/macros.js";
import { canonicalProjectName } from "../src/evaluation/python-extras.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { MacroUse, SpecFile } from "../src/tree/nodes.js";

/** A project (or top-level module) name as `%pypi_source`/`%pyproject_save_files` take it. */
const PROJECT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

function argumentWords(text: string, use: MacroUse): string[] {
  const argument = use.form === "plain" ? plainMacroArguments(text, use) : use.argument;
  return argument === null ? [] : splitMacroArguments(argument.text);
}

/** Expands `word` at `offset`; null unless the result is a plain project or module name. */
function projectName(evaluation: Evaluation, word: string, offset: number): string | null {
  const unquoted = word.replace(/^(['"])(.*)\1$/, "$2");
  const value = unquoted.includes("%") ? evaluation.expand(unquoted, offset).value : unquoted;
  return value !== null && PROJECT_NAME.test(value) ? value : null;
}

/**
 * The project names the spec uses: the first argument of `%pypi_source` (or `%{pypi_name}` when
 * it has none), `%{pypi_name}` itself, and the module names given to `%pyproject_save_files`
 * (in `%install` or in `BuildOption(install):`).
 */
function projectNames(evaluation: Evaluation, tree: SpecFile, nameOffset: number): Set<string> {
  const names = new Set<string>();
  const add = (name: string | null): void => {
    if (name !== null) names.add(name);
  };
  add(projectName(evaluation, "%{pypi_name}", nameOffset));
  for (const section of tree.sections) {
    if (section.kind === "changelog") continue;
    for (const line of section.lines) {
      if (evaluation.livenessAt(line.start) === "dead") continue;
      let scanned: { start: number; end: number } | null = null;
      if (line.type === "TagLine") scanned = line.value;
      else if (line.type === "MacroDefinitionLine") scanned = line.body;
      else if (line.type === "TextLine") scanned = line.content;
      if (scanned === null) continue;
      for (const use of scanMacroUses(tree.text, scanned.start, scanned.end)) {
        if (use.name === "pypi_source") {
          const first = argumentWords(tree.text, use)[0];
          if (first !== undefined) add(projectName(evaluation, first, use.start));
        } else if (use.name === "pyproject_save_files") {
          for (const word of argumentWords(tree.text, use)) {
            if (!word.startsWith("-") && !word.startsWith("+")) add(projectName(evaluation, word, use.start));
          }
        }
      }
      if (line.type === "TagLine" && line.name === "buildoption" && line.qualifiers?.text.trim() === "install") {
        for (const word of splitMacroArguments(line.value.text)) {
          if (!word.startsWith("-") && !word.startsWith("+")) add(projectName(evaluation, word, line.start));
        }
      }
    }
  }
  return names;
}

export default defineRule({
  meta: {
    name: "project-name-not-canonical",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_canonical_project_name"),
    description:
      "`Name:` contains the project name in a non-canonical spelling (case, `_` or `.` instead of the PEP 503 form).",
    messages: {
      notCanonical:
        "`Name:` {{name}} spells project {{project}} differently from its canonical form {{canonical}}; name the package {{expected}}",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      endOfFile() {
        const main = evaluation.packages[0];
        const name = main?.name ?? null;
        if (main === undefined || name === null || !name.startsWith("python-")) return;
        const nameTag = main.tags.find((tag) => tag.name === "name" && evaluation.livenessAt(tag.start) !== "dead");
        if (nameTag === undefined) return;
        const suffix = name.slice("python-".length);
        if (suffix === canonicalProjectName(suffix)) return;
        const projects = [...projectNames(evaluation, tree, nameTag.start)];
        const canonicalNames = projects.map(canonicalProjectName);
        const acceptable = (canonical: string): string[] =>
          canonical.startsWith("python-") ? [canonical, `python-${canonical}`] : [`python-${canonical}`];
        if (canonicalNames.some((canonical) => acceptable(canonical).includes(name))) return;
        const index = canonicalNames.findIndex(
          (canonical) => canonicalProjectName(suffix) === canonical || canonicalProjectName(name) === canonical,
        );
        if (index === -1) return;
        const canonical = canonicalNames[index]!;
        context.report({
          messageId: "notCanonical",
          data: {
            name,
            project: projects[index]!,
            canonical,
            expected: acceptable(canonical)[0]!,
          },
          start: nameTag.value.start,
          end: nameTag.value.end,
        });
      },
    };
  },
});
