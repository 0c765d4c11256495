/**
 * The macro uses rpm expands when it reads a spec for the target: which `%name` in the text ends
 * up being expanded, and through which definition.
 *
 * rpm expands every line it reads (section headers, tags, `%if` expressions, scriptlets, `%files`
 * lines), except comments; the `%changelog` text is left to the changelog rules. It does not expand
 * the name tested by `%{?name:…}` or `%{!?name}`, nor the body of a `%{?name:…}` whose test fails.
 * A `%global` body is expanded where it is defined; a `%define` body only where the macro it
 * defines is used, so a use inside it counts when (and only when) that macro is itself expanded.
 */
import { scanMacroUses } from "../parser/macros.js";
import type { LineNode, MacroDefinitionLine, MacroUse, Section, SectionHeader } from "../tree/nodes.js";
import { isBuiltinMacro } from "./expand.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation, Liveness } from "./types.js";

export interface ExpandedMacroUse {
  use: MacroUse;
  section: Section;
  /** The line (or section header) the use is written on. */
  line: LineNode | SectionHeader;
  /** Liveness of that line: `live` or `unknown`. */
  liveness: Liveness;
  /**
   * The `%global`/`%define` whose body holds the use; null for a use rpm expands where it is
   * written.
   */
  definition: MacroDefinitionLine | null;
}

const usesOf = oncePerEvaluation<readonly ExpandedMacroUse[]>(collect);

/** Every macro use rpm expands in the spec for the target, in file order. */
export function expandedMacroUses(evaluation: Evaluation): readonly ExpandedMacroUse[] {
  return usesOf(evaluation);
}

const NO_USES: readonly ExpandedMacroUse[] = [];

const usesByName = oncePerEvaluation<ReadonlyMap<string, readonly ExpandedMacroUse[]>>((evaluation) => {
  const byName = new Map<string, ExpandedMacroUse[]>();
  for (const expanded of usesOf(evaluation)) {
    const uses = byName.get(expanded.use.name);
    if (uses === undefined) byName.set(expanded.use.name, [expanded]);
    else uses.push(expanded);
  }
  return byName;
});

/** The expanded uses of the spec by macro name, each name's in file order. */
export function expandedUsesByName(evaluation: Evaluation): ReadonlyMap<string, readonly ExpandedMacroUse[]> {
  return usesByName(evaluation);
}

/**
 * The expanded uses of one macro name, in file order: rules looking for a few names ask for them
 * instead of each walking every use of the spec.
 */
export function expandedUsesOf(evaluation: Evaluation, name: string): readonly ExpandedMacroUse[] {
  return usesByName(evaluation).get(name) ?? NO_USES;
}

/** The expanded uses of any of the names, in file order. */
export function expandedUsesOfAny(evaluation: Evaluation, names: Iterable<string>): ExpandedMacroUse[] {
  const byName = usesByName(evaluation);
  const uses: ExpandedMacroUse[] = [];
  // Most specs use none of the names, or one: each name's uses are in file order already.
  let usedNames = 0;
  for (const name of names) {
    const found = byName.get(name);
    if (found === undefined) continue;
    uses.push(...found);
    usedNames++;
  }
  return usedNames > 1 ? uses.sort((a, b) => a.use.start - b.use.start) : uses;
}

/**
 * Where `name` runs: its uses outside macro bodies, and the uses of the macros whose body uses it
 * (`%global generate %pyproject_buildrequires -t` runs it where `%generate` is written), in file
 * order. One level of definitions is followed.
 */
export function expandedRunsOf(evaluation: Evaluation, name: string): ExpandedMacroUse[] {
  const names = new Set([name]);
  for (const { definition } of expandedUsesOf(evaluation, name)) {
    if (definition !== null) names.add(definition.name.text);
  }
  return expandedUsesOfAny(evaluation, names).filter(({ definition }) => definition === null);
}

/** The `%define` lines whose body rpm may expand later, by the name they define. */
type LazyDefinitions = Map<string, Array<{ line: MacroDefinitionLine; section: Section; liveness: Liveness }>>;

/** What `collect` adds the uses of each line to. */
class UseCollector {
  readonly found: ExpandedMacroUse[] = [];
  /** The uses enclosing the current one, `depth` of them (entries past it are stale). */
  private readonly enclosing: MacroUse[] = [];
  /**
   * The first `%` at or after the range asked last: lines before it hold no use, and most lines
   * have none, so they are not scanned. Searched again only when a range starts past it.
   */
  private nextPercent = -1;
  private lastStart = -1;

  constructor(private readonly evaluation: Evaluation) {}

  /**
   * Adds the uses in `[start, end)` that rpm expands, nested ones included. A plain use inside
   * the argument of a braced one (`%{?cond:%undefine foo}`) takes its arguments up to the end of
   * that argument, which rpm expands as text of its own.
   */
  add(
    start: number,
    end: number,
    section: Section,
    line: LineNode | SectionHeader,
    liveness: Liveness,
    definition: MacroDefinitionLine | null,
  ): void {
    const { evaluation } = this;
    const { text } = evaluation.tree;
    // Ranges come in file order, except the `%define` bodies reached at the end.
    if (start < this.lastStart || start > this.nextPercent) {
      this.nextPercent = text.indexOf("%", start);
      if (this.nextPercent === -1) this.nextPercent = text.length;
    }
    this.lastStart = start;
    if (this.nextPercent >= end) return;
    const scanned = scanMacroUses(text, start, end);
    const enclosing = this.enclosing;
    let depth = 0;
    let skipUntil = -1;
    // Indexed: the scan's answers are of two array shapes, and iterating them allocated.
    for (let index = 0; index < scanned.length; index++) {
      const found = scanned[index]!;
      if (found.start < skipUntil) continue;
      while (depth > 0 && enclosing[depth - 1]!.end <= found.start) depth -= 1;
      const use = clipped(text, found, depth > 0 ? enclosing[depth - 1] : undefined);
      if (use.argument !== null && use.form !== "plain") {
        enclosing[depth] = use;
        depth += 1;
      }
      if (use.form === "braced" && use.conditional && use.argument !== null) {
        // `%{?name:body}` tests `name`: the body is expanded only when the test holds.
        if (dropsBody(evaluation, use)) skipUntil = use.end;
        continue;
      }
      if (use.negated) continue;
      this.found.push({ use, section, line, liveness, definition });
    }
  }
}

function collect(evaluation: Evaluation): ExpandedMacroUse[] {
  const { tree } = evaluation;
  const collector = new UseCollector(evaluation);
  const found = collector.found;
  const lazy: LazyDefinitions = new Map();

  for (const section of tree.sections) {
    if (section.kind === "changelog") continue;
    const header = section.header;
    if (header !== null) {
      const liveness = evaluation.livenessAt(header.start);
      // The `%files` keyword itself marks the section; the rest of the header is expanded.
      if (liveness !== "dead") collector.add(header.keyword.end, header.end, section, header, liveness, null);
    }
    for (const line of section.lines) {
      const liveness = evaluation.livenessAt(line.start);
      if (liveness === "dead") continue;
      switch (line.type) {
        case "BlankLine":
        case "CommentLine":
          break;
        case "ConditionalLine":
          if (line.expression !== null) collector.add(line.expression.start, line.expression.end, section, line, liveness, null);
          break;
        case "MacroDefinitionLine":
          if (line.body === null) break;
          if (line.keyword === "global") collector.add(line.body.start, line.body.end, section, line, liveness, line);
          else {
            const entries = lazy.get(line.name.text) ?? [];
            entries.push({ line, section, liveness });
            lazy.set(line.name.text, entries);
          }
          break;
        default:
          collector.add(line.start, line.end, section, line, liveness, null);
      }
    }
  }

  // A `%define` body is expanded when its macro is: follow the names used until none is new.
  const inFileOrder = found.length;
  if (lazy.size > 0) {
    const reached = new Set<string>();
    for (let index = 0; index < found.length; index++) {
      const name = found[index]!.use.name;
      if (reached.has(name)) continue;
      reached.add(name);
      for (const { line, section, liveness } of lazy.get(name) ?? []) {
        if (line.body !== null) collector.add(line.body.start, line.body.end, section, line, liveness, line);
      }
    }
  }
  // The walk above found the uses in file order; only the `%define` bodies come after it.
  return found.length === inFileOrder ? found : found.sort((a, b) => a.use.start - b.use.start);
}

function clipped(text: string, use: MacroUse, outer: MacroUse | undefined): MacroUse {
  const limit = outer?.argument?.end;
  if (use.form !== "plain" || use.argument === null || limit === undefined || use.argument.end <= limit) return use;
  const argumentEnd = Math.max(use.argument.start, limit);
  return { ...use, argument: { start: use.argument.start, end: argumentEnd, text: text.slice(use.argument.start, argumentEnd) } };
}

/**
 * Where rpm expands the use: where it is written, or for a use in a `%define` body wherever that
 * macro is used later, which the end of the spec stands for (every definition of the spec may be
 * in effect there).
 */
export function expansionOffset(evaluation: Evaluation, { use, definition }: ExpandedMacroUse): number {
  return definition === null || definition.keyword === "global" ? use.start : evaluation.tree.text.length;
}

/**
 * The spec itself defines the used name where rpm expands the use (`%global python_sitelib …`):
 * the use then means the spec's macro, not the distribution's macro of that name.
 */
export function expandsSpecOwnMacro(evaluation: Evaluation, expanded: ExpandedMacroUse): boolean {
  const own = evaluation.definitionAt(expanded.use.name, expansionOffset(evaluation, expanded));
  return own !== null && own !== undefined && own.start !== null;
}

/** For messages: `` (in the body of `%global name`)`` when the use is written in a definition's body. */
export function definitionNote({ definition }: ExpandedMacroUse): string {
  return definition === null ? "" : ` (in the body of \`%${definition.keyword} ${definition.name.text}\`)`;
}

/** rpm drops the body of this `%{?name:body}` / `%{!?name:body}`, because of what `name` is at the use. */
export function dropsBody(evaluation: Evaluation, use: MacroUse): boolean {
  const definition = evaluation.definitionAt(use.name, use.start);
  return definition !== null && (definition === undefined) !== use.negated;
}

/**
 * Whether rpm writes something else in place of `use` when it expands the line, which is what
 * rpm checks before it warns "Macro expanded in comment": a name defined nowhere stays as it is
 * written, while `%{?name}`, `%(…)`, built-ins and defined macros (or ones that may be) do not.
 */
export function expansionChangesText(evaluation: Evaluation, use: MacroUse): boolean {
  const written = evaluation.tree.text.slice(use.start, use.end);
  const named = use.form === "plain" || use.form === "braced";
  if (named && !use.conditional && !use.negated && !isBuiltinMacro(use.name) && evaluation.definitionAt(use.name, use.start) === undefined) {
    return false;
  }
  return evaluation.expand(written, use.start).value !== written;
}
