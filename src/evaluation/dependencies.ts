/**
 * Dependency tag values as rpm would read them for the target: each dependency of the dependency
 * grammar with its name, operator and version after static macro expansion.
 *
 * A macro in a dependency name may expand to several dependencies (`%{py3_dist foo bar}`, a
 * `%global` holding a list); each of them is a resolved dependency of its own, all pointing at the
 * text written in the spec, which is where a rule reports.
 */
import { BUILD_DEPENDENCY_TAGS, DEPENDENCY_TAGS, parseDependencies } from "../parser/dependencies.js";
import { scanMacroUses } from "../parser/macros.js";
import { parseTagLine } from "../parser/tags.js";
import type { Dependency, SimpleDependency, TagLine, TextLine } from "../tree/nodes.js";
import { dropsBody } from "./macro-uses.js";
import { oncePerEvaluation, PerEvaluationMemo } from "./memo.js";
import { pythonScope } from "./python-scope.js";
import type { Evaluation } from "./types.js";

export { BUILD_DEPENDENCY_TAGS, DEPENDENCY_TAGS, DEPENDING_TAGS } from "../parser/dependencies.js";

/**
 * The tag takes effect for the target: a build dependency always does; any other tag only when
 * rpm builds the package it belongs to (a `%package` whose `%files` is dead builds nothing).
 */
export function tagTakesEffect(evaluation: Evaluation, tag: TagLine): boolean {
  if (BUILD_DEPENDENCY_TAGS.has(tag.name)) return true;
  const model = evaluation.packageOf(tag.start);
  if (model === null) return true;
  const contents = pythonScope(evaluation).contentsOf(model);
  return contents === undefined || contents.built;
}

const NO_TAGS: readonly TagLine[] = [];

const tagsInBodies = new PerEvaluationMemo<TextLine, readonly TagLine[]>((evaluation, line) => {
  const tags: TagLine[] = [];
  let skipUntil = -1;
  for (const use of scanMacroUses(evaluation.tree.text, line.content.start, line.content.end)) {
    if (use.start < skipUntil || use.form !== "braced" || !use.conditional || use.argument === null) continue;
    if (dropsBody(evaluation, use)) {
      skipUntil = use.end;
      continue;
    }
    const parsed = parseTagLine(evaluation.tree.text, use.argument.start, use.argument.end);
    if (parsed !== null) tags.push({ ...line, type: "TagLine", ...parsed });
  }
  return tags;
});

/**
 * The tags a preamble line declares through a conditional macro, `%{?with_x:Requires: foo}`, when
 * rpm keeps the macro's body for the target; each is given as a tag line over the body's text.
 * The same tag objects are returned for the line every time, so answers kept per tag (its
 * resolved dependencies) are shared by every caller.
 */
export function tagsInMacroBodies(evaluation: Evaluation, line: TextLine): readonly TagLine[] {
  // The tags are written in `%{?cond:…}`: a line without `%{` declares none.
  return line.content.text.includes("%{") ? tagsInBodies.get(evaluation, line) : NO_TAGS;
}

/**
 * Every tag of the preamble and `%package` sections that is not dead for the target, in file
 * order: the tag lines and the tags declared in `%{?cond:Tag: …}` bodies rpm keeps.
 */
export const specTags = oncePerEvaluation((evaluation): readonly TagLine[] => {
  const tags: TagLine[] = [];
  for (const section of evaluation.tree.sections) {
    if (section.kind !== "preamble" && section.kind !== "package") continue;
    for (const line of section.lines) {
      if (evaluation.livenessAt(line.start) === "dead") continue;
      if (line.type === "TagLine") tags.push(line);
      else if (line.type === "TextLine") tags.push(...tagsInMacroBodies(evaluation, line));
    }
  }
  return tags;
});

/** The resolved names of the packages rpm builds from the spec for the target. */
export function builtPackageNames(evaluation: Evaluation): Set<string> {
  const names = new Set<string>();
  for (const contents of pythonScope(evaluation).packages) {
    if (contents.built && contents.package.name !== null) names.add(contents.package.name);
  }
  return names;
}

export interface ResolvedDependency {
  tag: TagLine;
  /** The simple dependency as written; its name is where the dependency is in the spec. */
  written: SimpleDependency;
  /**
   * The name after macro expansion, without a trailing `%{?_isa}`; null when it cannot be known
   * statically.
   */
  name: string | null;
  /** The name ended with `%{?_isa}` / `%{_isa}`. */
  isa: boolean;
  /** The comparison operator as written (`>=`), or null for an unversioned dependency. */
  operator: string | null;
  /** The version after expansion; null when there is none or it cannot be known statically. */
  version: string | null;
  /** The dependency is an operand of a rich (boolean) dependency. */
  inRich: boolean;
}

const resolvedTags = new PerEvaluationMemo<TagLine, readonly ResolvedDependency[]>(resolve);

const NO_DEPENDENCIES: readonly ResolvedDependency[] = [];

/**
 * The dependencies of a dependency tag line (`Requires`, `BuildRequires`, `Provides`…), rich
 * dependencies flattened to their operands; empty for any other tag.
 */
export function resolveDependencies(evaluation: Evaluation, tag: TagLine): readonly ResolvedDependency[] {
  // Half the tags hold no dependencies: they are answered without a memo entry.
  return DEPENDENCY_TAGS.has(tag.name) ? resolvedTags.get(evaluation, tag) : NO_DEPENDENCIES;
}

function resolve(evaluation: Evaluation, tag: TagLine): ResolvedDependency[] {
  const { dependencies } = parseDependencies(tag.value.text, tag.value.start, { tag: tag.name });
  let isaSuffix: string | null = null;
  const resolved: ResolvedDependency[] = [];
  const add = (written: SimpleDependency, expandedName: string, operator: string | null, version: string | null, inRich: boolean): void => {
    let name = expandedName;
    let isa = false;
    // `%{?_isa}` expands to `(x86-64)` or nothing: only a name ending with `)` can carry it.
    if (name.endsWith(")")) {
      isaSuffix ??= evaluation.expand("%{?_isa}", tag.start).value ?? "";
      if (isaSuffix.length > 0 && name.endsWith(isaSuffix) && name.length > isaSuffix.length) {
        name = name.slice(0, -isaSuffix.length);
        isa = true;
      }
    }
    resolved.push({ tag, written, operator, version, inRich, name, isa });
  };
  const visit = (dependency: Dependency, inRich: boolean): void => {
    if (dependency.kind === "rich") {
      for (const operand of dependency.operands) visit(operand, true);
      return;
    }
    const operator = dependency.operator?.text ?? null;
    const version = dependency.version === null ? null : expanded(evaluation, dependency.version.text, tag.start);
    const writtenName = dependency.name.text;
    if (!writtenName.includes("%")) {
      // A name without macros is one name: reading it again would give it back unchanged.
      add(dependency, writtenName, operator, version, inRich);
      return;
    }
    const name = expanded(evaluation, writtenName, tag.start);
    if (name === null) {
      resolved.push({ tag, written: dependency, operator, version, inRich, name: null, isa: false });
      return;
    }
    const inner = parseDependencies(name).dependencies;
    const only = inner.length === 1 ? inner[0] : undefined;
    if (only?.kind === "simple" && only.operator === null) {
      add(dependency, only.name.text, operator, version, inRich);
      return;
    }
    // The name expanded to a list or to a versioned dependency: rpm reads the expanded text.
    for (const entry of flatten(inner)) {
      add(dependency, entry.name.text, entry.operator?.text ?? null, entry.version?.text ?? null, inRich || !inner.includes(entry));
    }
  };
  for (const dependency of dependencies) visit(dependency, false);
  return resolved;
}

function expanded(evaluation: Evaluation, text: string, offset: number): string | null {
  if (!text.includes("%")) return text;
  return evaluation.expand(text, offset).value?.trim() ?? null;
}

function flatten(dependencies: readonly Dependency[]): SimpleDependency[] {
  return dependencies.flatMap((dependency) => (dependency.kind === "simple" ? [dependency] : flatten(dependency.operands)));
}
