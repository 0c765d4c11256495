/**
 * `inspectSpec`: an rpm-free `rpmspec -q`. It reports what rpm's own parse of the spec gives for
 * a target (names, EVR, dependencies, packages, sources), from the tree and the evaluation model.
 *
 * Only live lines count. A line whose liveness is unknown, or a value whose expansion is unknown
 * (`%(…)`, `%{lua:…}`, a macro with no static value), gives `null` and an entry in `unknown` with
 * the reason: nothing is guessed. Like `rpmspec -q`, it reports what the spec declares: rpm's
 * implicit additions at build time (self-provides, scriptlet interpreters, `rpmlib()`) and the
 * dynamic `%generate_buildrequires` are not part of it.
 */
import { evaluate } from "../evaluation/evaluate.js";
import { extrasMacroCalls, type ExtrasMacroCall } from "../evaluation/python-extras.js";
import { UNKNOWN_MARK, type Evaluation, type EvaluationOptions, type Liveness, type PackageModel, type PartialExpansion } from "../evaluation/types.js";
import { formatDependency, parseDependencies } from "../parser/dependencies.js";
import { scanMacroUses } from "../parser/macros.js";
import { parseSpec } from "../parser/parse.js";
import { positionAt } from "../text/positions.js";
import type { LineNode, Section, Span, SpecFile, TagLine } from "../tree/nodes.js";
import type { InspectOptions, InspectResult, InspectUnknown, InspectedPackage } from "./types.js";

/** Parses `input`, evaluates it for the target and reports it as `rpmspec -q` would. Never throws. */
export function inspectSpec(input: string | Uint8Array, options: InspectOptions): InspectResult {
  const { tree } = parseSpec(input);
  const evaluationOptions: EvaluationOptions = {
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.with === undefined ? {} : { with: options.with }),
    ...(options.without === undefined ? {} : { without: options.without }),
  };
  return new Inspector(evaluate(tree, evaluationOptions), evaluationOptions, options.filePath).result();
}

/** Dependency tags of a binary package, by canonical tag name. */
const PACKAGE_DEPENDENCY_FIELDS: ReadonlyMap<string, "requires" | "provides" | "obsoletes" | "conflicts"> = new Map([
  ["requires", "requires"],
  ["prereq", "requires"],
  ["provides", "provides"],
  ["obsoletes", "obsoletes"],
  ["conflicts", "conflicts"],
]);

/** Tags whose dependencies go to the source package, wherever they are written. */
const BUILD_DEPENDENCY_TAGS: ReadonlySet<string> = new Set(["buildrequires", "buildprereq"]);

/** A macro body that writes a section header at the start of one of its lines. */
const SECTION_HEADER = /(?:^|\n)[ \t]*%(?:package|files|description)\b/;

/**
 * Macros of Fedora's build root that define whole packages; their definitions are not known
 * here, so the packages they define are reported as unknown.
 */
const PACKAGE_DEFINING_MACROS: ReadonlySet<string> = new Set(["fontpkg", "fontmetapkg", "gopkg", "gopkgfiles"]);

/** Spec text that a macro call expanded to, parts of it possibly unknown. */
interface MacroFragment {
  /** The call as written. */
  call: string;
  /** Why parts of the expansion are unknown, joined; empty when all of it is known. */
  reasons: string;
  /** The expansion parsed as a spec and evaluated for the target. */
  evaluation: Evaluation;
}

/** A package with where it starts in the file, so generated packages sort into place. */
interface PlacedPackage {
  offset: number;
  entry: InspectedPackage;
}

class Inspector {
  private readonly tree: SpecFile;
  private readonly unknown: InspectUnknown[] = [];
  private readonly buildRequires: Array<string | null> = [];

  constructor(
    private readonly evaluation: Evaluation,
    private readonly options: EvaluationOptions,
    private readonly filePath: string,
  ) {
    this.tree = evaluation.tree;
  }

  result(): InspectResult {
    const main = this.evaluation.packages[0];
    const packages = this.packages();
    const mainTags = main === undefined ? [] : main.tags;
    const epoch = this.scalar(mainTags, "epoch", "epoch");
    return {
      filePath: this.filePath,
      name: this.mainName(main),
      epoch: this.epochNumber(epoch, mainTags),
      version: this.scalar(mainTags, "version", "version"),
      release: this.scalar(mainTags, "release", "release"),
      license: this.scalar(mainTags, "license", "license"),
      url: this.scalar(mainTags, "url", "url"),
      buildRequires: this.buildRequires,
      packages,
      sources: this.sourcesOf("source", "sourcelist", "sources"),
      patches: this.sourcesOf("patch", "patchlist", "patches"),
      unknown: this.unknown.sort((a, b) => a.line - b.line),
    };
  }

  private lineOf(offset: number): number {
    return positionAt(this.tree, offset).line;
  }

  private addUnknown(field: string, offset: number, reason: string): void {
    this.unknown.push({ field, line: this.lineOf(offset), reason });
  }

  private conditionReason(offset: number): string {
    const condition = this.evaluation.unknownConditionAt(offset);
    return condition === null
      ? "the line is in a conditional block that cannot be evaluated statically"
      : `the line depends on the condition \`${condition}\`, which cannot be evaluated statically`;
  }

  /** Expands `text` at `offset`; an unknown expansion is reported under `field`. */
  private expand(text: string, offset: number, field: string): string | null {
    const expansion = this.evaluation.expand(text, offset);
    if (expansion.value === null) {
      const reasons = expansion.unknown.length > 0 ? expansion.unknown.join("; ") : "it cannot be expanded statically";
      this.addUnknown(field, offset, `\`${text}\`: ${reasons}`);
    }
    return expansion.value;
  }

  private mainName(main: PackageModel | undefined): string | null {
    if (main === undefined) return null;
    if (main.name !== null) return main.name;
    const tag = lastTag(main.tags, "name", (line) => this.evaluation.livenessAt(line.start) !== "dead");
    if (tag === undefined) {
      this.addUnknown("name", 0, "the spec has no `Name:` tag");
    } else {
      this.scalarValue(tag, "name");
    }
    return null;
  }

  /** Reports why the name of a subpackage does not resolve (the main package's is `name`). */
  private unknownPackageName(model: PackageModel, field: string): void {
    const written = model.header?.subpackage ?? null;
    if (written !== null && this.expand(written.text, written.start, field) !== null) {
      this.addUnknown(field, written.start, `the name \`${model.nameAsWritten}\` cannot be resolved statically`);
    }
  }

  /** The value of the last non-dead single-valued tag `name` (rpm keeps the last one). */
  private scalar(tags: readonly TagLine[], name: string, field: string): string | null {
    const tag = lastTag(tags, name, (line) => line.qualifiers === null && this.evaluation.livenessAt(line.start) !== "dead");
    return tag === undefined ? null : this.scalarValue(tag, field);
  }

  private scalarValue(tag: TagLine, field: string): string | null {
    if (this.evaluation.livenessAt(tag.start) === "unknown") {
      this.addUnknown(field, tag.start, this.conditionReason(tag.start));
      return null;
    }
    const value = this.expand(tag.value.text, tag.value.start, field);
    return value === null ? null : value.trim();
  }

  private epochNumber(epoch: string | null, tags: readonly TagLine[]): number | null {
    if (epoch === null) return null;
    if (/^[0-9]+$/.test(epoch)) return Number.parseInt(epoch, 10);
    const tag = lastTag(tags, "epoch", () => true);
    this.addUnknown("epoch", tag?.start ?? 0, `the epoch \`${epoch}\` is not a number`);
    return null;
  }

  private packages(): InspectedPackage[] {
    const placed: PlacedPackage[] = [];
    const entries = new Map<PackageModel, InspectedPackage>();
    for (const model of this.evaluation.packages) {
      const offset = model.header === null ? -1 : model.header.start;
      const liveness: Liveness = model.header === null ? "live" : model.liveness;
      if (liveness === "dead") continue;
      const label = `packages[${model.name ?? model.nameAsWritten}]`;
      if (liveness === "unknown") {
        this.addUnknown("packages", offset, `package \`${model.name ?? model.nameAsWritten}\`: ${this.conditionReason(offset)}`);
        // Its BuildRequires would still go to the source package.
        const maybe = emptyPackage(model.name);
        for (const tag of model.tags) if (BUILD_DEPENDENCY_TAGS.has(tag.name)) this.addDependencies(tag, maybe, label);
        continue;
      }
      const entry = emptyPackage(model.name);
      if (model.name === null) this.unknownPackageName(model, `${label}.name`);
      entry.summary = this.scalar(model.tags, "summary", `${label}.summary`);
      for (const tag of model.tags) this.addDependencies(tag, entry, label);
      this.addFiles(model, entry, label);
      entries.set(model, entry);
      placed.push({ offset, entry });
    }
    this.addMacroLines(placed, entries);
    for (const call of extrasMacroCalls(this.evaluation)) placed.push(...this.extrasPackages(call));
    placed.sort((a, b) => a.offset - b.offset);
    return placed.map((item) => item.entry);
  }

  private addDependencies(tag: TagLine, entry: InspectedPackage, label: string): void {
    const buildTag = BUILD_DEPENDENCY_TAGS.has(tag.name);
    const field = PACKAGE_DEPENDENCY_FIELDS.get(tag.name);
    if (!buildTag && field === undefined) return;
    const liveness = this.evaluation.livenessAt(tag.start);
    if (liveness === "dead") return;
    const target = buildTag ? this.buildRequires : entry[field!];
    const fieldName = buildTag ? "buildRequires" : `${label}.${field!}`;
    if (liveness === "unknown") {
      target.push(null);
      this.addUnknown(fieldName, tag.start, this.conditionReason(tag.start));
      return;
    }
    const expanded = this.expand(tag.value.text, tag.value.start, fieldName);
    if (expanded === null) {
      target.push(null);
      return;
    }
    this.pushDependencies(expanded, tag.name, target, fieldName, tag.value.start);
  }

  private pushDependencies(expanded: string, tagName: string, target: Array<string | null>, field: string, offset: number): void {
    const parsed = parseDependencies(expanded, 0, { tag: tagName });
    for (const dependency of parsed.dependencies) target.push(formatDependency(dependency));
    for (const error of parsed.errors) {
      this.addUnknown(field, offset, `rpm rejects \`${expanded.trim()}\`: ${error.message}`);
    }
  }

  private addFiles(model: PackageModel, entry: InspectedPackage, label: string): void {
    for (const section of model.sections) {
      if (section.kind !== "files" || section.header === null) continue;
      const liveness = this.evaluation.livenessAt(section.header.start);
      if (liveness === "dead") continue;
      if (liveness === "unknown") {
        this.addUnknown(`${label}.hasFiles`, section.header.start, this.conditionReason(section.header.start));
        continue;
      }
      entry.hasFiles = true;
      for (const option of section.header.options) {
        if (option.flag.text !== "-f" || option.value === null) continue;
        this.addUnknown(
          `${label}.files`,
          section.header.start,
          `the file list \`${option.value.text}\` is written during the build`,
        );
      }
      this.addFileLines(section, entry, label);
    }
  }

  private addFileLines(section: Section, entry: InspectedPackage, label: string): void {
    for (const line of section.lines) {
      if (line.type !== "FilesLine") continue;
      const liveness = this.evaluation.livenessAt(line.start);
      if (liveness === "dead") continue;
      if (liveness === "unknown") {
        entry.files.push(null);
        this.addUnknown(`${label}.files`, line.start, this.conditionReason(line.start));
        continue;
      }
      for (const path of line.paths) {
        const expanded = this.expand(path.text, path.start, `${label}.files`);
        if (expanded === null) {
          entry.files.push(null);
          continue;
        }
        for (const word of expanded.split(/\s+/)) if (word !== "") entry.files.push(word);
      }
    }
  }

  /**
   * Lines that are macro calls. In a package preamble they expand to tag lines, which rpm then
   * reads like written ones (`%py_provides python3-foo`). In any section, a macro whose body holds
   * section headers defines whole packages (`%lang_subpkg de German`): rpm reads every line of an
   * expansion as a spec line, so a header written by a macro in a scriptlet or a build script
   * opens a new section too.
   */
  private addMacroLines(placed: PlacedPackage[], entries: Map<PackageModel, InspectedPackage>): void {
    const extrasLines = new Set<LineNode>(extrasMacroCalls(this.evaluation).map((call) => call.line));
    for (const section of this.tree.sections) {
      const tagsMayFollow = section.kind === "preamble" || section.kind === "package";
      for (const line of section.lines) {
        if ((line.type !== "TextLine" && line.type !== "FilesLine") || extrasLines.has(line)) continue;
        const content = lineContent(this.tree.text, line);
        if (!content.text.trimStart().startsWith("%")) continue;
        const first = scanMacroUses(content.text)[0];
        if (first === undefined || content.text.slice(0, first.start).trim() !== "") continue;
        const definesPackages = this.definesPackages(first.name, line.start);
        if (!definesPackages && !tagsMayFollow) continue;
        const liveness = this.evaluation.livenessAt(line.start);
        if (liveness === "dead") continue;
        const model = this.evaluation.packageOf(line.start);
        const entry = model === null ? undefined : entries.get(model);
        const label = `packages[${model?.name ?? model?.nameAsWritten ?? ""}]`;
        const call = content.text.trim();
        if (definesPackages) {
          if (liveness === "unknown") {
            this.addUnknown("packages", line.start, `\`${call}\` defines packages: ${this.conditionReason(line.start)}`);
            continue;
          }
          const expansion = this.evaluation.expandPartially(content.text, content.start);
          placed.push(...this.generatedPackages(expansion, call, line.start, entry, placed));
        } else if (entry !== undefined) {
          if (liveness === "unknown") {
            this.addUnknown(label, line.start, `\`${call}\` may add tags: ${this.conditionReason(line.start)}`);
            continue;
          }
          const expanded = this.expand(content.text, content.start, label);
          if (expanded !== null && expanded.trim() !== "") this.addGeneratedTags(parseSpec(expanded).tree.sections[0]?.lines ?? [], entry, label, line.start, null);
        }
      }
    }
  }

  /** The macro's body writes section headers, or it is a known package-defining macro. */
  private definesPackages(name: string, offset: number): boolean {
    if (PACKAGE_DEFINING_MACROS.has(name)) return true;
    const definition = this.evaluation.definitionAt(name, offset);
    return definition !== undefined && definition !== null && definition.body !== null && SECTION_HEADER.test(definition.body);
  }

  /**
   * Tag lines that a macro wrote, already expanded. Within a `fragment`, a value with an unknown
   * part is null, and so is one written under a condition that cannot be evaluated.
   */
  private addGeneratedTags(
    lines: readonly LineNode[],
    entry: InspectedPackage,
    label: string,
    offset: number,
    fragment: MacroFragment | null,
  ): void {
    for (const line of lines) {
      if (line.type !== "TagLine") continue;
      const field = PACKAGE_DEPENDENCY_FIELDS.get(line.name);
      const buildTag = BUILD_DEPENDENCY_TAGS.has(line.name);
      const isSummary = line.name === "summary" && line.qualifiers === null;
      if (!buildTag && field === undefined && !isSummary) continue;
      const target = buildTag ? this.buildRequires : field === undefined ? null : entry[field];
      const fieldName = buildTag ? "buildRequires" : `${label}.${field ?? "summary"}`;
      const value = line.value.text;
      if (fragment !== null) {
        const liveness = fragment.evaluation.livenessAt(line.start);
        if (liveness === "dead") continue;
        const reason =
          liveness === "unknown"
            ? `\`${fragment.call}\` writes \`${line.tag.text}\` under a condition that cannot be evaluated statically`
            : value.includes(UNKNOWN_MARK)
              ? `\`${fragment.call}\` writes \`${showMarks(value)}\`; parts of its expansion are not known statically: ${fragment.reasons}`
              : null;
        if (reason !== null) {
          target?.push(null);
          if (isSummary) entry.summary = null;
          this.addUnknown(fieldName, offset, reason);
          continue;
        }
      }
      if (target === null) entry.summary = value;
      else this.pushDependencies(value, line.name, target, fieldName, offset);
    }
  }

  /**
   * The packages written by a macro's expansion, read as spec text: its `%package` sections
   * become packages, its `%files` sections give them (or earlier packages) files, and lines
   * before its first section are tags of the package the macro is called in. Where the
   * expansion has unknown parts, a package is known only when its name holds none of them.
   */
  private generatedPackages(
    expansion: PartialExpansion,
    call: string,
    offset: number,
    owner: InspectedPackage | undefined,
    earlier: readonly PlacedPackage[],
  ): PlacedPackage[] {
    const tree = parseSpec(expansion.text).tree;
    const fragment: MacroFragment = { call, reasons: expansion.unknown.join("; "), evaluation: evaluate(tree, this.options) };
    const mainName = this.evaluation.packages[0]?.name ?? null;
    const generated: PlacedPackage[] = [];
    const named = (name: string): InspectedPackage | undefined =>
      generated.find((item) => item.entry.name === name)?.entry ?? earlier.find((item) => item.entry.name === name)?.entry;
    tree.sections.forEach((section, index) => {
      const header = section.header;
      if (header === null) {
        if (owner !== undefined) this.addGeneratedTags(section.lines, owner, "packages", offset, fragment);
        this.reportUnknownLines(section, fragment, offset);
        return;
      }
      if (section.kind !== "package" && section.kind !== "files") return;
      const headerLiveness = fragment.evaluation.livenessAt(header.start);
      if (headerLiveness === "dead") return;
      const written = header.subpackage?.text ?? "";
      const name = header.fullName ? written : written === "" ? mainName : mainName === null ? null : `${mainName}-${written}`;
      const shown = showMarks(name ?? written);
      const what = section.kind === "package" ? `the package \`${shown}\`` : `the files of \`${shown}\``;
      if (headerLiveness === "unknown") {
        const field = section.kind === "package" ? "packages" : `packages[${shown}].hasFiles`;
        this.addUnknown(field, offset, `\`${call}\` writes ${what} under a condition that cannot be evaluated statically`);
        return;
      }
      if (name !== null && name.includes(UNKNOWN_MARK)) {
        const field = section.kind === "package" ? "packages" : `packages[${shown}].hasFiles`;
        this.addUnknown(field, offset, `\`${call}\` writes ${what}, whose name holds a part that is not known statically: ${fragment.reasons}`);
        return;
      }
      if (section.kind === "package") {
        const entry = emptyPackage(name);
        if (name === null) this.addUnknown("packages", offset, `a package defined on this line is named after \`Name:\`, which is not known statically`);
        this.addGeneratedTags(section.lines, entry, `packages[${name ?? written}]`, offset, fragment);
        this.reportUnknownLines(section, fragment, offset);
        generated.push({ offset: offset + (index + 1) / (tree.sections.length + 1), entry });
      } else if (name !== null) {
        const entry = named(name);
        if (entry === undefined) return;
        entry.hasFiles = true;
        for (const line of section.lines) {
          if (line.type !== "FilesLine") continue;
          const lineLiveness = fragment.evaluation.livenessAt(line.start);
          if (lineLiveness === "dead") continue;
          for (const path of line.paths) {
            const known = lineLiveness === "live" && !path.text.includes(UNKNOWN_MARK);
            entry.files.push(known ? path.text : null);
            if (!known) {
              const reason =
                lineLiveness === "live"
                  ? `parts of its expansion are not known statically: ${fragment.reasons}`
                  : "its line is under a condition that cannot be evaluated statically";
              this.addUnknown(`packages[${name}].files`, offset, `\`${call}\` writes \`${showMarks(path.text)}\`; ${reason}`);
            }
          }
        }
      }
    });
    return generated;
  }

  /**
   * A preamble line holds a tag, a comment or a section header: one that starts with an unknown
   * part may add tags or packages that are not known.
   */
  private reportUnknownLines(section: Section, fragment: MacroFragment, offset: number): void {
    for (const line of section.lines) {
      if (line.type !== "TextLine" || !line.content.text.trimStart().startsWith(UNKNOWN_MARK)) continue;
      if (fragment.evaluation.livenessAt(line.start) === "dead") continue;
      this.addUnknown("packages", offset, `\`${fragment.call}\` writes a line that is not known statically and may add tags or packages: ${fragment.reasons}`);
    }
  }

  /** The metapackages `%pyproject_extras_subpkg -n BASE EXTRA…` defines, one per extra. */
  private extrasPackages(call: ExtrasMacroCall): PlacedPackage[] {
    const offset = call.use.start;
    if (call.liveness === "unknown") {
      this.addUnknown("packages", offset, `the extras packages of \`%${call.macro}\`: ${this.conditionReason(offset)}`);
      return [];
    }
    if (call.baseName === null) {
      this.addUnknown("packages", offset, `the base package name given to \`%${call.macro} -n\` cannot be expanded statically`);
      return [];
    }
    // The macros read their options and arguments with rpm.expand(), which expands them again.
    const base = this.reexpand(call.baseName, offset);
    if (base === null) return [];
    const evr = this.expand("%{?epoch:%{epoch}:}%{version}-%{release}", offset, `packages[${base}+…].requires`);
    const skipsFiles = call.options.some((option) => option.letter === "F");
    const placed: PlacedPackage[] = [];
    call.extras.forEach((extra, index) => {
      if (extra.name === null) {
        this.addUnknown("packages", extra.span.start, `the extra \`${extra.span.text}\` cannot be expanded statically`);
        return;
      }
      const extraName = this.reexpand(extra.name, extra.span.start);
      if (extraName === null) return;
      const name = `${base}+${extraName}`;
      placed.push({
        offset: offset + index / call.extras.length,
        entry: {
          name,
          hasFiles: !skipsFiles,
          summary: `Metapackage for ${base}: ${extraName} extras`,
          requires: [evr === null ? null : `${base} = ${evr}`],
          provides: [],
          obsoletes: [],
          conflicts: [],
          files: [],
        },
      });
    });
    return placed;
  }

  private reexpand(text: string, offset: number): string | null {
    return text.includes("%") ? this.expand(text, offset, "packages") : text;
  }

  private sourcesOf(tagName: string, listKind: "sourcelist" | "patchlist", field: string): Array<string | null> {
    const values: Array<{ offset: number; value: string | null }> = [];
    const main = this.evaluation.packages[0];
    for (const tag of main?.tags ?? []) {
      if (tag.name !== tagName) continue;
      const liveness = this.evaluation.livenessAt(tag.start);
      if (liveness === "dead") continue;
      if (liveness === "unknown") {
        this.addUnknown(field, tag.start, this.conditionReason(tag.start));
        values.push({ offset: tag.start, value: null });
        continue;
      }
      const value = this.expand(tag.value.text, tag.value.start, field);
      values.push({ offset: tag.start, value: value === null ? null : value.trim() });
    }
    for (const section of this.tree.sections) {
      if (section.kind !== listKind) continue;
      for (const line of section.lines) {
        if (line.type !== "TextLine" || line.content.text.trim() === "") continue;
        const liveness = this.evaluation.livenessAt(line.start);
        if (liveness === "dead") continue;
        if (liveness === "unknown") {
          this.addUnknown(field, line.start, this.conditionReason(line.start));
          values.push({ offset: line.start, value: null });
          continue;
        }
        const value = this.expand(line.content.text, line.content.start, field);
        values.push({ offset: line.start, value: value === null ? null : value.trim() });
      }
    }
    return values.sort((a, b) => a.offset - b.offset).map((item) => item.value);
  }
}

/** The text of a line without its newline (a `%files` line keeps no separate content span). */
function lineContent(text: string, line: LineNode): Span {
  if (line.type === "TextLine") return line.content;
  let end = line.end;
  if (text[end - 1] === "\n") end--;
  if (text[end - 1] === "\r") end--;
  return { start: line.start, end, text: text.slice(line.start, end) };
}

/** Text with unknown parts, shown as `<?>` for a reason or a field name. */
function showMarks(text: string): string {
  return text.replaceAll(UNKNOWN_MARK, "<?>");
}

function emptyPackage(name: string | null): InspectedPackage {
  return { name, hasFiles: false, summary: null, requires: [], provides: [], obsoletes: [], conflicts: [], files: [] };
}

function lastTag(tags: readonly TagLine[], name: string, accept: (tag: TagLine) => boolean): TagLine | undefined {
  let found: TagLine | undefined;
  for (const tag of tags) if (tag.name === name && accept(tag)) found = tag;
  return found;
}
