/**
 * The evaluation model: what a spec means for one target, computed in one pass over its lines in
 * file order, the way rpm reads it, without executing anything.
 *
 * rpm expands each line of a live branch before it interprets it, evaluates `%if` conditions
 * only where it reads (not in a false branch, not after an `%elif` chain was satisfied), defines
 * macros from `%global`/`%define`, `%bcond` and preamble tags as it meets them, and reads the
 * whole spec again for `noarch` when the main package says `BuildArch: noarch`. The evaluator
 * does the same with three-valued liveness: a line is live, dead, or unknown when it depends on a
 * condition that cannot be decided statically.
 */
import { UNKNOWN_MARK } from "../parser/expression.js";
import { MACRO_DEFINING_TAGS } from "../parser/tags.js";
import type {
  ConditionalBranch,
  ConditionalLine,
  LineNode,
  MacroDefinitionLine,
  Section,
  SectionHeader,
  SectionKind,
  SpecFile,
  TagLine,
} from "../tree/nodes.js";
import { evaluateExpressionText, truthOf } from "./condition.js";
import { Expander, definitionBody, type MacroEffect, type MarkedExpansion } from "./expand.js";
import { MacroTable, lastAtOrBefore, type MacroDefinition } from "./macro-table.js";
import { MEMO_ANSWERS, type HoldsMemoAnswers } from "./memo.js";
import { DEFAULT_TARGET, resolveTarget, targetIds } from "./targets.js";
import type {
  BuildSystemModel,
  ConditionOutcome,
  Evaluation,
  EvaluationOptions,
  Expansion,
  Liveness,
  MacroDefinitionInfo,
  OpaqueConstruct,
  PackageModel,
  PartialExpansion,
  SourceModel,
  Target,
} from "./types.js";

/** Sections that name a binary package with `[-n] NAME`. */
const PACKAGE_SECTION_KINDS: ReadonlySet<SectionKind> = new Set([
  "package",
  "description",
  "files",
  "scriptlet",
  "trigger",
  "filetrigger",
  "verifyscript",
]);

/**
 * Build sections each declarative build system supplies when the spec leaves them out; `prep`
 * comes from rpm's default build system (`%autosetup`).
 */
const BUILD_SYSTEM_SECTIONS: ReadonlyMap<string, readonly SectionKind[]> = new Map([
  ["pyproject", ["prep", "generate_buildrequires", "build", "install", "check"]],
]);
const DEFAULT_BUILD_SYSTEM_SECTIONS: readonly SectionKind[] = ["prep"];

const DEFINING_MACRO = /%(?:\{[?!]*)?(?:global|define|undefine|bcond(?:_with|_without)?)[\s:}]/;
const INCLUDE = /^\s*%include\s/;
const LUA_OR_LOAD = /%\{(?:lua|load)[:\s]/;
const LUA_DEFINES = /rpm\.define|macros\s*[.[]|%global|%define/;
const ARCH_DEPENDENT = /%(?:el)?ifn?arch\b|_target_cpu/;

type Node = LineNode | SectionHeader;

function andLiveness(context: Liveness, truth: boolean | null): Liveness {
  if (context === "dead" || truth === false) return "dead";
  if (context === "live" && truth === true) return "live";
  return "unknown";
}

function orTruth(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return null;
}

function showMarks(text: string): string {
  return text.replaceAll(UNKNOWN_MARK, "<?>");
}

function knownText(text: string): string | null {
  return text.includes(UNKNOWN_MARK) ? null : text;
}

/** The file name rpm derives from a Source/Patch value: after the last `/`, then after a `=`. */
function sourceFileName(value: string): string {
  const slash = value.lastIndexOf("/");
  if (slash < 0) return value;
  const rest = value.slice(slash);
  const equals = rest.lastIndexOf("=");
  return (equals >= 0 ? rest.slice(equals) : rest).slice(1);
}

interface BlockState {
  /** Whether an earlier branch of the block was taken. */
  taken: boolean | null;
  context: Liveness;
}

interface PackageRecord {
  model: PackageModel;
  /** How the package is named in section headers: `-n` names are full, others are suffixes. */
  writtenFull: boolean;
}

/** The results of one reading of the spec with a given `%{_target_cpu}`. */
class Pass {
  readonly table: MacroTable;
  readonly expander: Expander;
  readonly branchLiveness = new Map<ConditionalBranch, Liveness>();
  readonly branchTruth = new Map<ConditionalBranch, boolean | null>();
  readonly conditions = new Map<ConditionalLine, ConditionOutcome>();
  readonly packages: PackageRecord[] = [];
  readonly sectionPackage = new Map<Section, PackageModel>();
  readonly sources: SourceModel[] = [];
  readonly opaque: OpaqueConstruct[] = [];
  buildArch: { liveness: Liveness; value: string | null } | null = null;
  buildSystemTag: { tag: TagLine; liveness: Liveness; value: string | null } | null = null;
  private readonly blocks = new Map<object, BlockState>();
  private readonly branchOf = new Map<ConditionalLine, ConditionalBranch>();
  private mainName: string | null = null;
  private mainNameKnown = true;
  private autonumber = { source: -1, patch: -1 };

  constructor(
    readonly tree: SpecFile,
    readonly target: Target,
    readonly cpu: string | null,
    options: EvaluationOptions,
  ) {
    const overrides = new Map<string, string>();
    if (cpu !== target.cpu) overrides.set("_target_cpu", cpu ?? UNKNOWN_MARK);
    this.table = new MacroTable(target.macros, overrides);
    for (const name of options.with ?? []) this.table.predefine(optionDefinition(`_with_${name}`, `--with-${name}`));
    for (const name of options.without ?? []) this.table.predefine(optionDefinition(`_without_${name}`, `--without-${name}`));
    this.expander = new Expander(this.table, () => lastDefinitionOffsets(tree));
    for (const block of tree.conditionals) collectBranches(block, this.branchOf);
  }

  livenessOfBranch(branch: ConditionalBranch | null): Liveness {
    if (branch === null) return "live";
    return this.branchLiveness.get(branch) ?? "unknown";
  }

  run(): void {
    for (const section of this.tree.sections) {
      if (section.header !== null) this.visitHeader(section, section.header);
      else this.startMainPackage(section);
      for (const line of section.lines) this.visitLine(section, line);
    }
    this.assignSections();
  }

  /**
   * Why a name changed on `line` becomes unknown, which the table records when the line may not
   * be read; a live line needs no reason, and most lines are live.
   */
  private unknownReason(line: number, liveness: Liveness): string {
    return liveness === "live" ? "" : `it is changed on line ${line} inside a condition that is not known statically`;
  }

  private startMainPackage(section: Section): void {
    const tags = section.lines.filter((line): line is TagLine => line.type === "TagLine");
    const nameTag = [...tags].reverse().find((tag) => tag.name === "name");
    const model: PackageModel = {
      name: null,
      nameAsWritten: nameTag?.value.text ?? "",
      header: null,
      liveness: "live",
      tags,
      sections: [],
    };
    this.packages.push({ model, writtenFull: true });
    this.sectionPackage.set(section, model);
  }

  private visitHeader(section: Section, header: SectionHeader): void {
    if (section.kind === "package") {
      const liveness = this.livenessOfBranch(header.branch ?? null);
      const model: PackageModel = {
        name: this.packageName(header),
        nameAsWritten: header.subpackage?.text ?? "",
        header,
        liveness,
        tags: section.lines.filter((line): line is TagLine => line.type === "TagLine"),
        sections: [],
      };
      this.packages.push({ model, writtenFull: header.fullName });
      this.sectionPackage.set(section, model);
    }
  }

  /**
   * The binary package name a section header refers to, as rpm builds it. rpm expands the header
   * line first and reads its arguments from the first line of the result, which is why
   * `%description %_description` describes the main package.
   */
  packageName(header: SectionHeader): string | null {
    let argument = "";
    if (header.subpackage !== null) {
      const expanded = this.expander.expand(header.subpackage.text, header.start).text;
      const newline = expanded.indexOf("\n");
      argument = (newline < 0 ? expanded : expanded.slice(0, newline)).trim();
    }
    if (argument.includes(UNKNOWN_MARK)) return null;
    if (header.fullName) return argument === "" ? null : argument;
    const main = this.mainNameKnown ? this.mainName : null;
    if (argument === "") return main;
    return main === null ? null : `${main}-${argument}`;
  }

  private visitLine(section: Section, line: LineNode): void {
    if (line.type === "ConditionalLine") {
      this.visitConditional(line);
      return;
    }
    const liveness = this.livenessOfBranch(line.branch);
    if (liveness === "dead") return;
    switch (line.type) {
      case "MacroDefinitionLine":
        this.visitDefinition(line, liveness);
        break;
      case "BcondLine": {
        const effects: MacroEffect[] = [];
        const name = this.expander.expand(line.name.text, line.start).text;
        const call =
          line.keyword === "bcond"
            ? `%bcond ${name} ${line.defaultValue?.text ?? ""}`
            : `%${line.keyword} ${name}`;
        effects.push(...this.expander.expand(call, line.start, line.start).effects);
        this.commit(effects, liveness, line.end, line.line);
        break;
      }
      case "TagLine":
        if (section.kind === "preamble" || section.kind === "package") this.visitTag(section, line, liveness);
        break;
      case "TextLine":
        if (section.kind === "sourcelist" || section.kind === "patchlist") {
          this.addSource(section.kind === "sourcelist" ? "source" : "patch", null, line, line.content.text, liveness);
        } else if (line.content.text.includes("%")) {
          // Every construct looked for below starts with `%`; most text lines have none.
          const content = line.content.text;
          if (DEFINING_MACRO.test(content)) {
            const expansion = this.expander.expand(content, line.start, line.start);
            this.commit(expansion.effects, liveness, line.end, line.line);
          }
          if (INCLUDE.test(content) || LUA_OR_LOAD.test(content)) this.noteOpaque(line, content, liveness);
        }
        break;
      case "FilesLine": {
        // rpm expands `%files` lines too: a `%{load:…}` or Lua block there may define macros.
        const content = this.tree.text.slice(line.start, line.end);
        if (LUA_OR_LOAD.test(content)) this.noteOpaque(line, content, liveness);
        break;
      }
      default:
        break;
    }
  }

  /**
   * `%include`, `%{load:…}` and Lua code may define macros (and write spec text) that are never
   * known here: names a Lua block mentions become unknown after it, and after an included or
   * loaded file so does every name that is not defined yet.
   */
  private noteOpaque(line: LineNode, content: string, liveness: Liveness): void {
    const include = INCLUDE.test(content);
    const load = content.includes("%{load");
    const reason = include
      ? `line ${line.line} includes a file, which is never read`
      : load
        ? `line ${line.line} loads a macro file, which is never read`
        : `the Lua code on line ${line.line} may define it`;
    this.opaque.push({ line, liveness, reason });
    if (include || load) {
      this.table.addOpaque(line.end, null, reason);
    } else if (LUA_DEFINES.test(content)) {
      this.table.addOpaque(line.end, new Set(content.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []), reason);
    }
  }

  private commit(effects: readonly MacroEffect[], liveness: Liveness, effectiveAt: number, lineNumber: number): void {
    const reason = this.unknownReason(lineNumber, liveness);
    for (const effect of effects) {
      if (effect.op === "push") this.table.push(effect.definition, liveness, effectiveAt, reason);
      else if (effect.op === "pop") this.table.pop(effect.name, liveness, effectiveAt, reason);
      else this.table.markUnknown(effect.name, effectiveAt, effect.reason);
    }
  }

  private visitDefinition(line: MacroDefinitionLine, liveness: Liveness): void {
    const name = line.name.text;
    const reason = this.unknownReason(line.line, liveness);
    if (line.keyword === "undefine") {
      this.table.pop(name, liveness, line.end, reason);
      return;
    }
    const written = line.body?.text ?? "";
    const stored = definitionBody(written);
    if (stored === null || !/^(?:[A-Za-z]|_[A-Za-z0-9_])/.test(name)) return;
    let body = stored;
    let unknown: readonly string[] = [];
    const eager = line.keyword === "global";
    if (eager && LUA_OR_LOAD.test(stored)) this.noteOpaque(line, stored, liveness);
    if (eager) {
      const expansion = this.expander.expand(stored, line.start, line.start);
      body = expansion.text;
      unknown = expansion.unknown;
      this.commit(expansion.effects, liveness, line.end, line.line);
    }
    const definition: MacroDefinition = {
      name,
      body,
      parameters: line.parameters === null ? null : line.parameters.text,
      start: line.start,
      written,
      eager,
      origin: "spec",
      unknown,
    };
    this.table.push(definition, liveness, line.end, reason);
  }

  private visitTag(section: Section, tag: TagLine, liveness: Liveness): void {
    const name = tag.name;
    const isMain = section.kind === "preamble";
    const relevant =
      MACRO_DEFINING_TAGS.has(name) || name === "source" || name === "patch" || (isMain && name === "buildarch");
    if (!relevant) return;
    const expansion = this.expander.expand(tag.value.text, tag.start, tag.start);
    const value = expansion.text.trim();
    const reason = this.unknownReason(tag.line, liveness);
    if (name === "source" || name === "patch") {
      this.addSource(name, tag.number, tag, tag.value.text, liveness, expansion.text);
      return;
    }
    if (name === "buildarch") {
      if (this.buildArch === null) this.buildArch = { liveness, value: knownText(value) };
      return;
    }
    this.table.push(tagDefinition(name, value, tag, expansion.unknown), liveness, tag.end, reason);
    if (isMain) this.table.push(tagDefinition(upperCaseTagName(name), value, tag, expansion.unknown), liveness, tag.end, reason);
    if (isMain && name === "name") {
      if (liveness === "live") {
        this.mainName = knownText(value);
        this.mainNameKnown = this.mainName !== null;
      } else {
        this.mainNameKnown = false;
      }
    }
    if (isMain && name === "buildsystem" && this.buildSystemTag === null) {
      this.buildSystemTag = { tag, liveness, value: knownText(value) };
    }
  }

  private addSource(
    kind: "source" | "patch",
    number: number | null,
    line: TagLine | LineNode,
    written: string,
    liveness: Liveness,
    expandedText?: string,
  ): void {
    const trimmed = written.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const expanded = (expandedText ?? this.expander.expand(trimmed, line.start, line.start).text).trim();
    let assigned = number;
    if (assigned === null) {
      this.autonumber[kind] += 1;
      assigned = this.autonumber[kind];
    } else if (assigned > this.autonumber[kind]) {
      this.autonumber[kind] = assigned;
    }
    const value = knownText(expanded);
    this.sources.push({ kind, number: assigned, line, value, liveness });
    const prefix = kind === "source" ? "SOURCE" : "PATCH";
    const reason = this.unknownReason(line.line, liveness);
    const fileName = value === null ? UNKNOWN_MARK : sourceFileName(value);
    const make = (name: string, body: string): MacroDefinition => ({
      name,
      body,
      parameters: null,
      start: line.start,
      written,
      eager: true,
      origin: "tag",
      unknown: [],
    });
    this.table.push(make(`${prefix}${assigned}`, `%{_sourcedir}/${fileName}`), liveness, line.end, reason);
    this.table.push(make(`${prefix}URL${assigned}`, expanded), liveness, line.end, reason);
  }

  private visitConditional(line: ConditionalLine): void {
    const branch = this.branchOf.get(line);
    if (branch === undefined) return;
    const block = branch.block;
    const context = this.livenessOfBranch(block.parent);
    let state = this.blocks.get(block);
    const first = block.branches[0] === branch;
    if (first || state === undefined) {
      state = { taken: false, context };
      this.blocks.set(block, state);
    }
    let truth: boolean | null;
    let decided: boolean | null = null;
    if (line.keyword === "else") {
      truth = state.taken === null ? null : !state.taken;
      this.conditions.set(line, {
        directive: line,
        evaluated: context !== "dead",
        expanded: null,
        value: context === "dead" ? null : truth,
        error: null,
        unknown: [],
      });
    } else if (context === "dead" || state.taken === true) {
      truth = false;
      this.conditions.set(line, { directive: line, evaluated: false, expanded: null, value: null, error: null, unknown: [] });
    } else {
      const outcome = this.evaluateDirective(line);
      this.conditions.set(line, outcome);
      truth = state.taken === false ? outcome.value : outcome.value === false ? false : null;
      decided = outcome.value;
    }
    state.taken = line.keyword === "else" ? true : orTruth(state.taken, decided);
    this.branchTruth.set(branch, truth);
    this.branchLiveness.set(branch, andLiveness(context, truth));
  }

  private evaluateDirective(line: ConditionalLine): ConditionOutcome {
    const raw = line.expression?.text ?? "";
    const expansion = this.expander.expand(raw, line.start);
    const expanded = expansion.text.includes("\\") ? expansion.text.replace(/\\\r?\n/g, "  ") : expansion.text;
    const shown = showMarks(expanded);
    switch (line.keyword) {
      case "if":
      case "elif": {
        const result = evaluateExpressionText(expanded);
        if (result.error !== null) return evaluatedOutcome(line, shown, null, result.error.message, expansion.unknown);
        const value = truthOf(result.value);
        return evaluatedOutcome(line, shown, value, null, value === null ? expansion.unknown : []);
      }
      default: {
        const words = expanded.split(/\s+/).filter((word) => word.length > 0);
        const keyword = line.keyword;
        if (words.length === 0) return evaluatedOutcome(line, shown, null, `Argument expected for %${keyword}`, []);
        const arch = keyword === "ifarch" || keyword === "ifnarch" || keyword === "elifarch";
        const wanted = arch ? this.cpu : this.target.os;
        const negated = keyword === "ifnarch" || keyword === "ifnos";
        if (wanted === null) {
          return evaluatedOutcome(line, shown, null, null, ["the target cpu depends on a BuildArch that is not known statically"]);
        }
        const matched = words.some((word) => word.toLowerCase() === wanted.toLowerCase());
        if (!matched && words.some((word) => word.includes(UNKNOWN_MARK))) {
          return evaluatedOutcome(line, shown, null, null, expansion.unknown);
        }
        return evaluatedOutcome(line, shown, negated ? !matched : matched, null, []);
      }
    }
  }

  /** Attaches `%description`, `%files` and scriptlet sections to the packages they name. */
  private assignSections(): void {
    const main = this.packages[0]?.model;
    if (main !== undefined) main.name = this.mainNameKnown ? this.mainName : null;
    // The first package of each name and of each written form: a search of the package list per
    // section made specs with a thousand subpackages quadratic.
    const byName = new Map<string, PackageModel>();
    const byWritten = new Map<string, PackageModel>();
    for (const record of this.packages) {
      const { model } = record;
      if (model.name !== null && !byName.has(model.name)) byName.set(model.name, model);
      const key = writtenKey(record.writtenFull, model.nameAsWritten);
      if (model.header !== null && !byWritten.has(key)) byWritten.set(key, model);
    }
    for (const section of this.tree.sections) {
      const header = section.header;
      if (header === null || section.kind === "package" || !PACKAGE_SECTION_KINDS.has(section.kind)) continue;
      let model: PackageModel | undefined;
      const name = this.packageName(header);
      if (header.subpackage === null || (name !== null && name === main?.name)) {
        model = main;
      } else {
        model = (name !== null ? byName.get(name) : undefined) ?? byWritten.get(writtenKey(header.fullName, header.subpackage.text));
      }
      if (model !== undefined) {
        model.sections.push(section);
        this.sectionPackage.set(section, model);
      }
    }
  }
}

/**
 * The outcome of a directive rpm evaluates. Written out rather than spread from a common part:
 * the spread was the most expensive line of the evaluation of `%if` lines.
 */
function evaluatedOutcome(
  directive: ConditionalLine,
  expanded: string,
  value: boolean | null,
  error: string | null,
  unknown: readonly string[],
): ConditionOutcome {
  return { directive, evaluated: true, expanded, value, error, unknown };
}

/** The macro a preamble tag defines (`%{version}`, `%{VERSION}` for the main package's). */
function tagDefinition(name: string, body: string, tag: TagLine, unknown: readonly string[]): MacroDefinition {
  return { name, body, parameters: null, start: tag.start, written: tag.value.text, eager: true, origin: "tag", unknown };
}

/** The upper-case names of the macro-defining tags, made once rather than for every tag. */
const UPPER_CASE_TAG_NAMES: ReadonlyMap<string, string> = new Map([...MACRO_DEFINING_TAGS].map((name) => [name, name.toUpperCase()]));

function upperCaseTagName(name: string): string {
  return UPPER_CASE_TAG_NAMES.get(name) ?? name.toUpperCase();
}

/** How a `%package` line names its package: `-n NAME` or a suffix, and the name as written. */
function writtenKey(full: boolean, nameAsWritten: string): string {
  return `${full ? "-n" : "suffix"} ${nameAsWritten}`;
}

const definitionOffsetsOf = new WeakMap<SpecFile, ReadonlyMap<string, number>>();

/**
 * Where the spec last defines each macro name, whatever the branch: `%global`/`%define`/
 * `%undefine` lines, `%bcond` lines (`with_NAME`) and the tags rpm defines as macros. Read once
 * per tree: the expander of each reading of the spec and define-instead-of-global both ask.
 */
export function lastDefinitionOffsets(tree: SpecFile): ReadonlyMap<string, number> {
  let definedAt = definitionOffsetsOf.get(tree);
  if (definedAt === undefined) {
    definedAt = findLastDefinitionOffsets(tree);
    definitionOffsetsOf.set(tree, definedAt);
  }
  return definedAt;
}

function findLastDefinitionOffsets(tree: SpecFile): Map<string, number> {
  const definedAt = new Map<string, number>();
  for (const section of tree.sections) {
    for (const line of section.lines) {
      if (line.type === "MacroDefinitionLine") definedAt.set(line.name.text, line.start);
      else if (line.type === "BcondLine") definedAt.set(`with_${line.name.text}`, line.start);
      else if (line.type === "TagLine" && MACRO_DEFINING_TAGS.has(line.name)) definedAt.set(line.name, line.start);
    }
  }
  return definedAt;
}

function collectBranches(block: SpecFile["conditionals"][number], into: Map<ConditionalLine, ConditionalBranch>): void {
  for (const branch of block.branches) into.set(branch.directive, branch);
}

function optionDefinition(name: string, body: string): MacroDefinition {
  return { name, body, parameters: null, start: null, written: null, eager: true, origin: "option", unknown: [] };
}

/** Why an expanded text holds unknown parts: the expander's reasons, or a general one. */
function unknownReasons(reasons: readonly string[]): readonly string[] {
  return reasons.length > 0 ? reasons : ["a part of the text is not known statically"];
}

function answerOf(expansion: MarkedExpansion): Expansion {
  if (!expansion.text.includes(UNKNOWN_MARK)) return { value: expansion.text, unknown: [] };
  return { value: null, unknown: unknownReasons(expansion.unknown) };
}

class SpecEvaluation implements Evaluation, HoldsMemoAnswers {
  readonly packages: readonly PackageModel[];
  readonly buildSystem: BuildSystemModel | null;
  readonly sources: readonly SourceModel[];
  readonly opaque: readonly OpaqueConstruct[];
  private readonly nodes: Node[];
  private readonly nodeStarts: number[];
  private lastNodeIndex = -1;
  private readonly sectionStarts: number[];
  /** Declared here so that every evaluation has the same shape before and after the first memo. */
  [MEMO_ANSWERS]: unknown[] | undefined = undefined;

  constructor(
    readonly tree: SpecFile,
    readonly target: Target,
    readonly targetCpu: string | null,
    private readonly pass: Pass,
  ) {
    // Sized first: grown one node at a time, the arrays were copied again and again as they grew.
    let count = 0;
    for (const section of tree.sections) count += (section.header === null ? 0 : 1) + section.lines.length;
    this.nodes = new Array<Node>(count);
    this.nodeStarts = new Array<number>(count);
    let index = 0;
    for (const section of tree.sections) {
      if (section.header !== null) this.setNode(index++, section.header);
      for (const line of section.lines) this.setNode(index++, line);
    }
    this.sectionStarts = tree.sections.map((section) => section.start);
    this.packages = pass.packages.map((record) => record.model);
    this.sources = pass.sources.filter((source) => source.liveness !== "dead");
    this.opaque = pass.opaque;
    this.buildSystem = this.makeBuildSystem();
  }

  private setNode(index: number, node: Node): void {
    this.nodes[index] = node;
    this.nodeStarts[index] = node.start;
  }

  private nodeAt(offset: number): Node | null {
    // Rules walk the spec in order and ask about each line in turn: the node found last, or the
    // one after it, is usually the answer.
    const last = this.lastNodeIndex;
    const index = this.nodeCovers(last, offset) ? last : this.nodeCovers(last + 1, offset) ? last + 1 : lastAtOrBefore(this.nodeStarts, offset);
    this.lastNodeIndex = index;
    return index < 0 ? null : this.nodes[index]!;
  }

  /** Node `index` is the last one starting at or before `offset`. */
  private nodeCovers(index: number, offset: number): boolean {
    const starts = this.nodeStarts;
    return index >= 0 && index < starts.length && starts[index]! <= offset && (index + 1 === starts.length || offset < starts[index + 1]!);
  }

  private makeBuildSystem(): BuildSystemModel | null {
    const found = this.pass.buildSystemTag;
    if (found === null || found.liveness === "dead") return null;
    const written = new Set<SectionKind>();
    for (const section of this.tree.sections) {
      const header = section.header;
      if (header === null || this.pass.livenessOfBranch(header.branch ?? null) === "dead") continue;
      // `%prep -a` / `%build -p` (rpm 4.20) append or prepend to the section rpm generates.
      if (header.options.some((option) => option.flag.text === "-a" || option.flag.text === "-p")) continue;
      written.add(section.kind);
    }
    const supplied = [
      ...DEFAULT_BUILD_SYSTEM_SECTIONS,
      ...(found.value === null ? [] : BUILD_SYSTEM_SECTIONS.get(found.value) ?? []),
    ];
    return {
      name: found.value,
      tag: found.tag,
      liveness: found.liveness,
      impliedSections: [...new Set(supplied)].filter((kind) => !written.has(kind)),
    };
  }

  livenessAt(offset: number): Liveness {
    const node = this.nodeAt(offset);
    if (node === null) return "live";
    return this.pass.livenessOfBranch(node.branch ?? null);
  }

  branchLiveness(branch: ConditionalBranch): Liveness {
    return this.pass.livenessOfBranch(branch);
  }

  unknownConditionAt(offset: number): string | null {
    const node = this.nodeAt(offset);
    if (node === null || this.pass.livenessOfBranch(node.branch ?? null) !== "unknown") return null;
    for (let branch = node.branch ?? null; branch !== null; branch = branch.block.parent) {
      if (this.pass.branchTruth.get(branch) !== null) continue;
      if (branch.directive.keyword !== "else") return branch.directive.expression?.text ?? null;
      const undecided = branch.block.branches.find(
        (candidate) => candidate !== branch && this.pass.conditions.get(candidate.directive)?.value === null,
      );
      return undecided?.directive.expression?.text ?? null;
    }
    return null;
  }

  conditionOf(directive: ConditionalLine): ConditionOutcome | null {
    return this.pass.conditions.get(directive) ?? null;
  }

  expand(text: string, offset: number): Expansion {
    // Rules and analyses expand a hundred thousand texts per corpus pass, most of them more than
    // once: the answer is kept with a memoised expansion.
    const expansion = this.pass.expander.expand(text, offset);
    return (expansion.answer ??= answerOf(expansion));
  }

  expandPartially(text: string, offset: number): PartialExpansion {
    const expansion = this.pass.expander.expand(text, offset);
    if (!expansion.text.includes(UNKNOWN_MARK)) return { text: expansion.text, unknown: [] };
    return { text: expansion.text, unknown: unknownReasons(expansion.unknown) };
  }

  definitionAt(name: string, offset: number): MacroDefinitionInfo | null | undefined {
    const state = this.pass.table.stateAt(name, offset);
    if (state.kind === "unknown") return null;
    if (state.kind === "undefined") {
      if (["with", "without", "defined", "undefined", "py3_dist", "py_dist_name", "pypi_source"].includes(name)) {
        return { name, body: null, start: null, eager: false, parameters: "" };
      }
      return undefined;
    }
    const definition = state.definition;
    const builtin = definition.start === null;
    return {
      name,
      body: builtin ? null : definition.written ?? definition.body,
      start: definition.start,
      eager: definition.eager,
      parameters: definition.parameters,
    };
  }

  private declaredBconds: Set<string> | null = null;

  bcond(name: string): boolean | null {
    this.declaredBconds ??= new Set(
      this.tree.sections.flatMap((section) =>
        section.lines.flatMap((line) => (line.type === "BcondLine" ? [line.name.text] : [])),
      ),
    );
    if (!this.declaredBconds.has(name)) return null;
    const state = this.pass.table.stateAt(`with_${name}`, this.tree.text.length);
    if (state.kind === "unknown") return null;
    return state.kind === "defined";
  }

  packageOf(offset: number): PackageModel | null {
    const index = lastAtOrBefore(this.sectionStarts, offset);
    if (index < 0) return null;
    return this.pass.sectionPackage.get(this.tree.sections[index]!) ?? null;
  }
}

/**
 * Evaluates a parsed spec for a target (`fedora-rawhide` by default). Throws a RangeError for a
 * target id that `targetIds()` does not list; everything in the spec itself is handled.
 */
export function evaluate(tree: SpecFile, options: EvaluationOptions = {}): Evaluation {
  const targetId = options.target ?? DEFAULT_TARGET;
  const target = resolveTarget(targetId);
  if (target === null) {
    throw new RangeError(`unknown target "${targetId}" (known: ${targetIds().join(", ")})`);
  }
  let pass = new Pass(tree, target, target.cpu, options);
  pass.run();
  let cpu: string | null = target.cpu;
  const buildArch = pass.buildArch;
  if (buildArch !== null && buildArch.liveness !== "dead") {
    const arches = buildArch.value?.split(/[\s,]+/).filter((arch) => arch.length > 0) ?? null;
    const rereadCpu =
      buildArch.liveness === "unknown" || arches === null ? null : arches[0] === undefined ? target.cpu : arches[0];
    if (rereadCpu !== target.cpu) {
      cpu = rereadCpu;
      if (ARCH_DEPENDENT.test(tree.text)) {
        pass = new Pass(tree, target, cpu, options);
        pass.run();
      }
    }
  }
  return new SpecEvaluation(tree, target, cpu, pass);
}

export { targetIds } from "./targets.js";
