import { defineRule, packagingGuideline } from "../src/engine/index.js";
import type { Evaluation, PackageModel } from "../src/evaluation/types.js";
import { scanMacroUses } from "../src/parser/macros.js";
import { parseTagLine } from "../src/parser/tags.js";
import type { LineNode, Section, TextLine } from "../src/tree/nodes.js";

/** What rpmbuild requires of the main package (the tags rpm's preamble check insists on). */
const MAIN_PACKAGE_TAGS: readonly string[] = ["name", "version", "release", "summary", "license"];
const TAG_SPELLING: Readonly<Record<string, string>> = {
  name: "Name",
  version: "Version",
  release: "Release",
  summary: "Summary",
  license: "License",
};

/**
 * Macros that are called in a preamble and known to write no Name, Version, Release, Summary or
 * License tag (they add dependencies, provides, scriptlets or other packages).
 */
const TAGLESS_PREAMBLE_MACROS: ReadonlySet<string> = new Set([
  "python_provide",
  "py_provides",
  "python_extras_subpkg",
  "pyproject_extras_subpkg",
  "python_enable_dependency_generator",
  "python_disable_dependency_generator",
  "ldconfig_scriptlets",
  "systemd_requires",
  "systemd_ordering",
  "sysusers_requires_compat",
  "selinux_requires",
  "selinux_requires_min",
  "forgemeta",
  "gometa",
  "dnl",
  "echo",
  "warn",
  "error",
]);

/**
 * The spec text a preamble line written with macros produces; null when that is not known
 * statically: a macro that is not known here (`%fontpkg`, `%{tree_sitter …}` from a build
 * dependency's macro files) may write tags and whole sections.
 */
function textWrittenByMacros(evaluation: Evaluation, line: TextLine): string | null {
  const uses = scanMacroUses(evaluation.tree.text, line.content.start, line.content.end);
  if (uses.length === 0 || uses.every((use) => TAGLESS_PREAMBLE_MACROS.has(use.name))) return "";
  const expanded = evaluation.expand(line.content.text, line.start).value;
  return expanded === null || expanded.includes("%") ? null : expanded;
}

/** The tag names a package's preamble gives for the target; null when a macro line may add unknown ones. */
function presentTags(evaluation: Evaluation, preamble: Section): Set<string> | null {
  const names = new Set<string>();
  for (const line of preamble.lines) {
    if (evaluation.livenessAt(line.start) === "dead") continue;
    if (line.type === "TagLine") names.add(line.name);
    if (line.type !== "TextLine") continue;
    const written = textWrittenByMacros(evaluation, line);
    if (written === null) return null;
    if (written === "") continue;
    for (const writtenLine of written.split("\n")) {
      const tag = parseTagLine(writtenLine, 0, writtenLine.length);
      if (tag !== null) names.add(tag.name);
    }
  }
  return names;
}

/** `%include FILE` or `%{load:FILE}`: spec text or macros from a file that is never read here. */
function readsFile(text: string, line: LineNode): boolean {
  return scanMacroUses(text, line.start, line.end).some((use) => use.name === "include" || use.name === "load");
}

function packageLabel(model: PackageModel): string {
  const name = model.name ?? model.nameAsWritten;
  return model.header === null && model.name === null ? "the main package" : `package \`${name}\``;
}

export default defineRule({
  meta: {
    name: "missing-required-tag",
    severity: "error",
    type: "problem",
    guideline: packagingGuideline("_tags_and_sections"),
    description: "Name, Version, Release, Summary or License missing from the main package, a `%package` without Summary, a package without `%description`.",
    messages: {
      mainTag: "the main package has no `{{tag}}:` tag; rpmbuild requires Name, Version, Release, Summary and License",
      subpackageSummary: "{{package}} has no `Summary:` tag; every `%package` needs its own summary",
      description: "{{package}} has no `%description`; rpmbuild requires one for every package",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      endOfFile() {
        // An included or loaded file may write any preamble or section: nothing is known missing.
        if (evaluation.opaque.some((construct) => construct.liveness !== "dead" && readsFile(tree.text, construct.line))) return;
        const preambles = new Map<PackageModel, Section>();
        for (const section of tree.sections) {
          if (section.kind !== "preamble" && section.kind !== "package") continue;
          const model = evaluation.packageOf(section.start);
          if (model !== null) preambles.set(model, section);
        }
        const descriptions = tree.sections.filter(
          (section) => section.kind === "description" && section.header !== null && evaluation.livenessAt(section.header.start) !== "dead",
        );
        // Null exactly when a macro line of the preamble writes text that is not known statically.
        const tagsOf = new Map<Section, Set<string> | null>();
        for (const preamble of preambles.values()) tagsOf.set(preamble, presentTags(evaluation, preamble));
        // A `%description` whose package is not known might describe any of them, and so might
        // one that a macro of unknown output writes.
        const descriptionsResolved =
          descriptions.every((section) => evaluation.packageOf(section.start) !== null) &&
          [...tagsOf.values()].every((tags) => tags !== null);
        const described = new Set(descriptions.map((section) => evaluation.packageOf(section.start)));

        for (const model of evaluation.packages) {
          if (model.liveness === "dead") continue;
          const preamble = preambles.get(model);
          if (preamble === undefined) continue;
          const tags = tagsOf.get(preamble)!;
          const main = model.header === null;
          const anchor = main ? mainAnchor(model) : { start: model.header!.start, end: model.header!.keyword.end };
          if (tags !== null) {
            if (main) {
              for (const tag of MAIN_PACKAGE_TAGS) {
                if (tags.has(tag)) continue;
                context.report({ messageId: "mainTag", data: { tag: TAG_SPELLING[tag] ?? tag }, ...anchor });
              }
            } else if (!tags.has("summary")) {
              context.report({ messageId: "subpackageSummary", data: { package: packageLabel(model) }, ...anchor });
            }
          }
          if (!descriptionsResolved) continue;
          if (!described.has(model)) context.report({ messageId: "description", data: { package: packageLabel(model) }, ...anchor });
        }

        function mainAnchor(model: PackageModel): { start: number; end: number } {
          const nameTag = model.tags.find((tag) => tag.name === "name" && evaluation.livenessAt(tag.start) !== "dead");
          if (nameTag !== undefined) return { start: nameTag.start, end: nameTag.value.end };
          const first = model.tags[0];
          if (first !== undefined) return { start: first.start, end: first.value.end };
          const firstLineEnd = tree.text.indexOf("\n");
          return { start: 0, end: firstLineEnd < 0 ? tree.text.length : firstLineEnd };
        }
      },
    };
  },
});
