/**
 * The spec parser: any text becomes a lossless tree of sections and line nodes, with the
 * conditional blocks laid over it. It never throws; malformed input becomes diagnostics and the
 * rest of the file is still parsed.
 *
 * It follows how rpm reads a spec: physical lines are joined while a macro construct is open
 * (see continuation.ts); a section starts at a keyword in the first column; `%if` and friends
 * may be indented and are recognised in every section; directives and macro definitions ending
 * in a backslash continue on the next line. Sections are syntactic: a header inside a `%if`
 * still starts a section, and the conditional blocks are an overlay that may cross sections.
 */
import { decodeSpecInput } from "../text/decode.js";
import { computeLineStarts } from "../text/positions.js";
import type {
  BcondLine,
  ConditionalBlock,
  ConditionalBranch,
  ConditionalKeyword,
  ConditionalLine,
  LineNode,
  MacroDefinitionLine,
  Section,
  SectionHeader,
  SourceEncoding,
  SpecFile,
  SyntaxDiagnostic,
} from "../tree/nodes.js";
import { isBlankCode, isSpaceCode } from "./arguments.js";
import { parseChangelogHeader } from "./changelog-line.js";
import { scanLineContinuations, type LineContinuations, type MacroOpener } from "./continuation.js";
import { DEPENDENCY_TAGS, literalDependencyErrors } from "./dependencies.js";
import { parseFilesLine } from "./files-line.js";
import {
  BcondLineNode,
  BlankLineNode,
  ChangelogHeaderLineNode,
  CommentLineNode,
  ConditionalLineNode,
  FilesLineNode,
  MacroDefinitionLineNode,
  TagLineNode,
  TextLineNode,
} from "./line-nodes.js";
import { matchSectionKeyword, parseHeaderArguments } from "./section-header.js";
import { isAlphaCode, macroWordEnd, makeSpan, skipBlanks, skipSpace, trimEnd, wordEnd } from "./span.js";
import { parseTagLine, type ParsedTag } from "./tags.js";

export interface ParseResult {
  tree: SpecFile;
  /** The same array as `tree.diagnostics`. */
  diagnostics: SyntaxDiagnostic[];
}

/** Parses a spec given as text or as the bytes of a file. Never throws. */
export function parseSpec(input: string | Uint8Array): ParseResult {
  const { text, encoding } = decodeSpecInput(input);
  let tree: SpecFile;
  try {
    tree = new SpecParser(text, encoding).parse();
  } catch (error) {
    tree = unstructuredTree(text, encoding, error);
  }
  return { tree, diagnostics: tree.diagnostics };
}

/** A run of physical lines read as one logical line. */
interface Unit {
  /** 0-based physical lines. */
  first: number;
  last: number;
  start: number;
  /** After the final newline. */
  end: number;
  /** Before the final newline (`\n` or `\r\n`). */
  contentEnd: number;
}

function newUnit(): Unit {
  return { first: 0, last: 0, start: 0, end: 0, contentEnd: 0 };
}

const CONDITIONAL_KEYWORDS: ReadonlyMap<string, ConditionalKeyword> = new Map<string, ConditionalKeyword>([
  ["if", "if"],
  ["ifarch", "ifarch"],
  ["ifnarch", "ifnarch"],
  ["ifos", "ifos"],
  ["ifnos", "ifnos"],
  ["elif", "elif"],
  ["elifarch", "elifarch"],
  ["elifos", "elifos"],
  ["else", "else"],
  ["endif", "endif"],
]);

const CONDITIONAL_INITIALS: ReadonlySet<number> = new Set([...CONDITIONAL_KEYWORDS.keys()].map((keyword) => keyword.charCodeAt(0)));

const OPENING_KEYWORDS: ReadonlySet<ConditionalKeyword> = new Set<ConditionalKeyword>(["if", "ifarch", "ifnarch", "ifos", "ifnos"]);
const LIST_KEYWORDS: ReadonlySet<ConditionalKeyword> = new Set<ConditionalKeyword>([
  "ifarch",
  "ifnarch",
  "ifos",
  "ifnos",
  "elifarch",
  "elifos",
]);

const DEFINITION_KEYWORDS: ReadonlySet<string> = new Set(["global", "define", "undefine"]);
const BCOND_KEYWORDS: ReadonlySet<string> = new Set(["bcond", "bcond_with", "bcond_without"]);

const UNCLOSED_MESSAGES: Readonly<Record<MacroOpener, string>> = {
  "%{": "unclosed %{: rpm would read to the end of the file looking for its }",
  "%(": "unclosed %(: rpm would read to the end of the file looking for its )",
  "%[": "unclosed %[: rpm would read to the end of the file looking for its ]",
};

/** Macros that make the rest of their line something other than spec content. */
const OPAQUE_LINE_MACROS: ReadonlySet<string> = new Set(["dnl", "include"]);

class SpecParser {
  private readonly lineStarts: number[];
  /** Physical lines holding at least one character (a final newline opens no further line). */
  private readonly lineCount: number;
  private readonly continuations: LineContinuations;
  private readonly diagnostics: SyntaxDiagnostic[] = [];
  private readonly sections: Section[] = [];
  private readonly conditionals: ConditionalBlock[] = [];
  /** The innermost open branch of each open conditional block, outermost first. */
  private readonly openBranches: ConditionalBranch[] = [];
  private section: Section;
  /** No node keeps a unit, and reading each line into a new one was a good part of the parse's garbage. */
  private readonly unit: Unit = newUnit();

  constructor(
    private readonly text: string,
    private readonly encoding: SourceEncoding,
  ) {
    this.lineStarts = computeLineStarts(text);
    const lastStart = this.lineStarts[this.lineStarts.length - 1] as number;
    this.lineCount = lastStart < text.length ? this.lineStarts.length : this.lineStarts.length - 1;
    this.continuations = scanLineContinuations(text, this.lineStarts, this.lineCount);
    this.section = { type: "Section", kind: "preamble", header: null, lines: [], start: 0, end: text.length };
    this.sections.push(this.section);
  }

  parse(): SpecFile {
    for (const opening of this.continuations.unclosed) {
      this.report(UNCLOSED_MESSAGES[opening.opener], opening.start, opening.start + 2);
    }
    let line = 0;
    while (line < this.lineCount) {
      const unit = this.readUnit(line);
      line = this.parseUnit(unit) + 1;
    }
    this.closeOpenConditionals();
    this.reportFinalContinuation();
    this.diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
    return {
      type: "SpecFile",
      text: this.text,
      encoding: this.encoding,
      sections: this.sections,
      conditionals: this.conditionals,
      diagnostics: this.diagnostics,
      lineStarts: this.lineStarts,
    };
  }

  private report(message: string, start: number, end: number): void {
    this.diagnostics.push({ message, start, end });
  }

  private physicalLineEnd(line: number): number {
    return line + 1 < this.lineStarts.length ? (this.lineStarts[line + 1] as number) : this.text.length;
  }

  /** The last physical line of the logical line starting at `line`: joined while a construct is open. */
  private joinedThrough(line: number): number {
    let last = line;
    while (this.continuations.joinsNext[last] === 1 && last + 1 < this.lineCount) last++;
    return last;
  }

  /** Sets `unit` to the physical lines `first` to `last`. */
  private fillUnit(unit: Unit, first: number, last: number): Unit {
    const start = this.lineStarts[first] as number;
    const end = this.physicalLineEnd(last);
    let contentEnd = end;
    if (contentEnd > start && this.text.charCodeAt(contentEnd - 1) === 0x0a) {
      contentEnd--;
      if (contentEnd > start && this.text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
    }
    unit.first = first;
    unit.last = last;
    unit.start = start;
    unit.end = end;
    unit.contentEnd = contentEnd;
    return unit;
  }

  /** The logical line starting at `line`, in the one unit object every line is read into. */
  private readUnit(line: number): Unit {
    return this.fillUnit(this.unit, line, this.joinedThrough(line));
  }

  /** The unit extended over following lines while it ends in backslash-newline. */
  private withBackslashContinuation(unit: Unit): Unit {
    let last = unit.last;
    while (this.continuations.backslashNewline[last] === 1 && last + 1 < this.lineCount) {
      last = this.joinedThrough(last + 1);
    }
    return last === unit.last ? unit : this.fillUnit(newUnit(), unit.first, last);
  }

  private currentBranch(): ConditionalBranch | null {
    const depth = this.openBranches.length;
    return depth === 0 ? null : (this.openBranches[depth - 1] as ConditionalBranch);
  }

  /** Parses one logical line; returns the last physical line it took. */
  private parseUnit(unit: Unit): number {
    const conditional = this.parseConditional(unit);
    if (conditional !== null) {
      this.section.lines.push(conditional);
      this.placeConditional(conditional);
      return conditional.endLine - 1;
    }
    const keyword = matchSectionKeyword(this.text, unit.start, unit.contentEnd);
    if (keyword !== null) {
      this.startSection(unit, keyword.kind, keyword.name, keyword.keywordEnd);
      return unit.last;
    }
    const node = this.parseLine(unit);
    this.section.lines.push(node);
    return node.endLine - 1;
  }

  private startSection(unit: Unit, kind: Section["kind"], name: string, keywordEnd: number): void {
    if (kind === "end" && this.section.kind === "end") {
      this.report("%end: no section is open to be closed", unit.start, keywordEnd);
    }
    this.section.end = unit.start;
    const parsed = parseHeaderArguments(this.text, kind, name, unit.start, keywordEnd, unit.contentEnd, this.diagnostics);
    const header: SectionHeader = {
      type: "SectionHeader",
      start: unit.start,
      end: unit.end,
      line: unit.first + 1,
      endLine: unit.last + 1,
      branch: this.currentBranch(),
      keyword: makeSpan(this.text, unit.start + 1, keywordEnd),
      name,
      options: parsed.options,
      subpackage: parsed.subpackage,
      fullName: parsed.fullName,
      conditions: parsed.conditions,
    };
    this.section = { type: "Section", kind, header, lines: [], start: unit.start, end: this.text.length };
    this.sections.push(this.section);
  }

  private parseConditional(firstUnit: Unit): ConditionalLine | null {
    const text = this.text;
    const directiveStart = skipSpace(text, firstUnit.start, firstUnit.contentEnd);
    if (text.charCodeAt(directiveStart) !== 0x25) return null;
    // Most lines starting with `%` are other macros: their initial turns them away without a slice.
    if (!CONDITIONAL_INITIALS.has(text.charCodeAt(directiveStart + 1))) return null;
    let nameEnd = directiveStart + 1;
    while (nameEnd < firstUnit.contentEnd && isAlphaCode(text.charCodeAt(nameEnd))) nameEnd++;
    const keyword = CONDITIONAL_KEYWORDS.get(text.slice(directiveStart + 1, nameEnd));
    if (keyword === undefined) return null;
    const takesArgument = keyword !== "else" && keyword !== "endif";
    if (takesArgument && nameEnd < firstUnit.contentEnd && !isBlankCode(text.charCodeAt(nameEnd))) {
      // `%if0` or `%if(…)` is no directive for rpm; `%if` followed by nothing is a malformed one.
      if (skipSpace(text, nameEnd, firstUnit.contentEnd) < firstUnit.contentEnd) return null;
    }
    const unit = this.withBackslashContinuation(firstUnit);
    const argumentStart = skipSpace(text, nameEnd, unit.contentEnd);
    const argumentEnd = trimEnd(text, argumentStart, unit.contentEnd);
    const keywordSpan = makeSpan(text, directiveStart, nameEnd);
    let expression = null;
    let trailing = null;
    if (takesArgument) {
      expression = makeSpan(text, argumentStart, argumentEnd);
      if (argumentStart === argumentEnd) {
        const needs = LIST_KEYWORDS.has(keyword) ? "a list of architectures or systems" : "a condition";
        this.report(`%${keyword} needs ${needs}`, directiveStart, nameEnd);
      }
    } else if (argumentEnd > argumentStart) {
      trailing = makeSpan(text, argumentStart, argumentEnd);
      if (text.charCodeAt(argumentStart) !== 0x23) {
        this.report(`%${keyword} takes no arguments (rpm rejects the text after it unless it is a # comment)`, argumentStart, argumentEnd);
      }
    }
    return new ConditionalLineNode(unit.start, unit.end, unit.first + 1, unit.last + 1, null, keyword, keywordSpan, expression, trailing);
  }

  /** Fits a directive into the conditional overlay and sets its `branch`. */
  private placeConditional(directive: ConditionalLine): void {
    const keyword = directive.keyword;
    if (OPENING_KEYWORDS.has(keyword)) {
      const parent = this.currentBranch();
      directive.branch = parent;
      const block: ConditionalBlock = { type: "ConditionalBlock", branches: [], endif: null, parent };
      this.conditionals.push(block);
      this.openBranch(block, directive);
      return;
    }
    const open = this.openBranches.pop();
    if (open === undefined) {
      this.report(`%${keyword} without a matching %if`, directive.keywordSpan.start, directive.keywordSpan.end);
      directive.branch = null;
      return;
    }
    open.end = directive.start;
    const block = open.block;
    directive.branch = block.parent;
    if (keyword === "endif") {
      block.endif = directive;
      return;
    }
    if (open.directive.keyword === "else") {
      this.report(`%${keyword} after %else in the same %if block`, directive.keywordSpan.start, directive.keywordSpan.end);
    }
    this.openBranch(block, directive);
  }

  private openBranch(block: ConditionalBlock, directive: ConditionalLine): void {
    const branch: ConditionalBranch = { type: "ConditionalBranch", directive, block, start: directive.end, end: directive.end };
    block.branches.push(branch);
    this.openBranches.push(branch);
  }

  private closeOpenConditionals(): void {
    for (const branch of this.openBranches) {
      branch.end = this.text.length;
      const opening = (branch.block.branches[0] as ConditionalBranch).directive;
      this.report(`%${opening.keyword} without a matching %endif`, opening.keywordSpan.start, opening.keywordSpan.end);
    }
    this.openBranches.length = 0;
  }

  private reportFinalContinuation(): void {
    const last = this.lineCount - 1;
    if (last >= 0 && this.continuations.backslashNewline[last] === 1) {
      const newline = this.physicalLineEnd(last) - 1;
      this.report("the file ends in a backslash line continuation", newline - 1, newline);
    }
  }

  /** Any line that is neither a section header nor a conditional directive. */
  private parseLine(unit: Unit): LineNode {
    const text = this.text;
    const branch = this.currentBranch();
    const start = unit.start;
    const contentEnd = unit.contentEnd;
    const line = unit.first + 1;
    const endLine = unit.last + 1;
    const firstChar = skipSpace(text, start, contentEnd);
    if (firstChar >= contentEnd) return new BlankLineNode(start, unit.end, line, endLine, branch);
    const code = text.charCodeAt(firstChar);
    if (code === 0x23) {
      return new CommentLineNode(start, unit.end, line, endLine, branch, makeSpan(text, firstChar + 1, contentEnd));
    }
    if (code === 0x25) {
      const nameEnd = wordEnd(text, firstChar + 1, contentEnd);
      const name = text.slice(firstChar + 1, nameEnd);
      const nameEndsDirective = nameEnd >= contentEnd || isSpaceCode(text.charCodeAt(nameEnd));
      if (nameEndsDirective && DEFINITION_KEYWORDS.has(name)) return this.parseDefinition(unit, name, firstChar, nameEnd, branch);
      if (nameEndsDirective && BCOND_KEYWORDS.has(name)) return this.parseBcond(unit, name, firstChar, nameEnd, branch);
      if (nameEndsDirective && OPAQUE_LINE_MACROS.has(name)) {
        return new TextLineNode(start, unit.end, line, endLine, branch, makeSpan(text, start, contentEnd));
      }
    }
    const kind = this.section.kind;
    if (kind === "preamble" || kind === "package") {
      const tag = parseTagLine(text, start, contentEnd);
      if (tag !== null) {
        if (branch === null && DEPENDENCY_TAGS.has(tag.name) && !tag.value.text.includes("%")) this.checkDependencies(tag);
        return new TagLineNode(start, unit.end, line, endLine, branch, tag.tag, tag.name, tag.number, tag.qualifiers, tag.value);
      }
    } else if (kind === "files") {
      const files = parseFilesLine(text, start, contentEnd, this.diagnostics);
      return new FilesLineNode(start, unit.end, line, endLine, branch, files.directives, files.paths);
    } else if (kind === "changelog" && text.charCodeAt(start) === 0x2a) {
      const entry = parseChangelogHeader(text, start, contentEnd);
      return new ChangelogHeaderLineNode(start, unit.end, line, endLine, branch, entry.date, entry.author, entry.email, entry.evr);
    }
    return new TextLineNode(start, unit.end, line, endLine, branch, makeSpan(text, start, contentEnd));
  }

  /**
   * Every target's rpm reads a dependency value that has no macros and is outside conditionals
   * as it is written, so a problem that every rpm release rejects makes the spec unbuildable. A
   * value with macros depends on their expansion for the target, and a conditional line may be
   * dead: neither is checked here.
   */
  private checkDependencies(tag: ParsedTag): void {
    for (const error of literalDependencyErrors(tag.value.text, tag.value.start, { tag: tag.name })) {
      if (error.everyRpm) this.report(`${tag.tag.text}: ${error.message}`, error.start, error.end);
    }
  }

  private parseDefinition(
    firstUnit: Unit,
    keyword: string,
    keywordStart: number,
    keywordEnd: number,
    branch: ConditionalBranch | null,
  ): MacroDefinitionLine {
    const text = this.text;
    const unit = this.withBackslashContinuation(firstUnit);
    const nameStart = skipBlanks(text, keywordEnd, unit.contentEnd);
    const nameEnd = wordEnd(text, nameStart, unit.contentEnd);
    if (nameEnd === nameStart) this.report(`%${keyword} needs a macro name`, keywordStart, keywordEnd);
    let parameters = null;
    let bodyStart = nameEnd;
    if (keyword !== "undefine" && nameEnd > nameStart && text.charCodeAt(nameEnd) === 0x28) {
      let close = nameEnd + 1;
      while (close < unit.contentEnd && text.charCodeAt(close) !== 0x29 && text.charCodeAt(close) !== 0x0a) close++;
      if (close >= unit.contentEnd || text.charCodeAt(close) !== 0x29) {
        this.report(`%${keyword} ${text.slice(nameStart, nameEnd)}: the parameter list is not closed`, nameEnd, close);
      }
      parameters = makeSpan(text, nameEnd + 1, close);
      bodyStart = Math.min(close + 1, unit.contentEnd);
    }
    bodyStart = skipBlanks(text, bodyStart, unit.contentEnd);
    return new MacroDefinitionLineNode(
      unit.start,
      unit.end,
      unit.first + 1,
      unit.last + 1,
      branch,
      keyword as MacroDefinitionLine["keyword"],
      makeSpan(text, nameStart, nameEnd),
      parameters,
      keyword === "undefine" ? null : makeSpan(text, bodyStart, trimEnd(text, bodyStart, unit.contentEnd)),
    );
  }

  private parseBcond(
    unit: Unit,
    keyword: string,
    keywordStart: number,
    keywordEnd: number,
    branch: ConditionalBranch | null,
  ): BcondLine {
    const text = this.text;
    const nameStart = skipSpace(text, keywordEnd, unit.contentEnd);
    let nameEnd = nameStart;
    while (nameEnd < unit.contentEnd && !isSpaceCode(text.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === nameStart) this.report(`%${keyword} needs a build condition name`, keywordStart, keywordEnd);
    let defaultValue = null;
    if (keyword === "bcond") {
      // The default is %bcond's second argument: one word, a macro group with spaces counting as one.
      const valueStart = skipSpace(text, nameEnd, unit.contentEnd);
      const valueEnd = macroWordEnd(text, valueStart, unit.contentEnd);
      if (valueEnd > valueStart) defaultValue = makeSpan(text, valueStart, valueEnd);
      else if (nameEnd > nameStart) this.report("%bcond needs a default value after the name", keywordStart, nameEnd);
    }
    return new BcondLineNode(
      unit.start,
      unit.end,
      unit.first + 1,
      unit.last + 1,
      branch,
      keyword as BcondLine["keyword"],
      makeSpan(text, nameStart, nameEnd),
      defaultValue,
    );
  }
}

/**
 * The tree of last resort, should the parser meet a state it cannot handle: every physical line a
 * text line of the preamble, so printing and positions still work, plus a diagnostic saying so.
 */
function unstructuredTree(text: string, encoding: SourceEncoding, error: unknown): SpecFile {
  const lineStarts = computeLineStarts(text);
  const lines: LineNode[] = [];
  for (let index = 0; index < lineStarts.length; index++) {
    const start = lineStarts[index] as number;
    const end = index + 1 < lineStarts.length ? (lineStarts[index + 1] as number) : text.length;
    if (start === end) continue;
    const contentEnd = text.charCodeAt(end - 1) === 0x0a ? end - 1 : end;
    lines.push(new TextLineNode(start, end, index + 1, index + 1, null, makeSpan(text, start, contentEnd)));
  }
  const reason = error instanceof Error ? error.message : String(error);
  return {
    type: "SpecFile",
    text,
    encoding,
    sections: [{ type: "Section", kind: "preamble", header: null, lines, start: 0, end: text.length }],
    conditionals: [],
    diagnostics: [{ message: `internal parser error, the file was read as plain lines: ${reason}`, start: 0, end: 0 }],
    lineStarts,
  };
}
