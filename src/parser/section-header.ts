/**
 * Section header lines: which `%keyword` at the start of a line opens a section, and the options
 * of each kind of header, checked as rpm checks them.
 */
import type { SectionKind, SectionOption, Span, SyntaxDiagnostic } from "../tree/nodes.js";
import { isBlankCode, isSpaceCode, splitArguments, type ArgumentWord } from "./arguments.js";
import { CaselessNames } from "./caseless-names.js";
import { indexOfCode, makeSpan, skipMacroUnit, skipSpace, trimEnd, wordEnd } from "./span.js";

/** rpm's section keywords (matched case-insensitively), with the kind of section each opens. */
const SECTION_KINDS: ReadonlyMap<string, SectionKind> = new Map<string, SectionKind>([
  ["package", "package"],
  ["description", "description"],
  ["prep", "prep"],
  ["conf", "conf"],
  ["generate_buildrequires", "generate_buildrequires"],
  ["build", "build"],
  ["install", "install"],
  ["check", "check"],
  ["clean", "clean"],
  ["files", "files"],
  ["changelog", "changelog"],
  ["pre", "scriptlet"],
  ["post", "scriptlet"],
  ["preun", "scriptlet"],
  ["postun", "scriptlet"],
  ["pretrans", "scriptlet"],
  ["posttrans", "scriptlet"],
  ["preuntrans", "scriptlet"],
  ["postuntrans", "scriptlet"],
  ["verifyscript", "verifyscript"],
  ["trigger", "trigger"],
  ["triggerin", "trigger"],
  ["triggerun", "trigger"],
  ["triggerpostun", "trigger"],
  ["triggerprein", "trigger"],
  ["filetrigger", "filetrigger"],
  ["filetriggerin", "filetrigger"],
  ["filetriggerun", "filetrigger"],
  ["filetriggerpostun", "filetrigger"],
  ["transfiletrigger", "filetrigger"],
  ["transfiletriggerin", "filetrigger"],
  ["transfiletriggerun", "filetrigger"],
  ["transfiletriggerpostun", "filetrigger"],
  ["sourcelist", "sourcelist"],
  ["patchlist", "patchlist"],
  ["sepolicy", "sepolicy"],
  ["end", "end"],
]);

const SECTION_KEYWORDS = new CaselessNames([...SECTION_KINDS].map(([name, kind]) => [name, { kind, name }] as const));

export interface SectionKeywordMatch {
  kind: SectionKind;
  /** Lower-case keyword without `%`. */
  name: string;
  /** Offset just after the keyword. */
  keywordEnd: number;
}

/**
 * The section keyword that opens the line at `lineStart`, if any. Like rpm, only a keyword in the
 * first column counts, and it must be followed by white space or the end of the line.
 */
export function matchSectionKeyword(text: string, lineStart: number, lineEnd: number): SectionKeywordMatch | null {
  if (text.charCodeAt(lineStart) !== 0x25) return null;
  const keywordEnd = wordEnd(text, lineStart + 1, lineEnd);
  if (keywordEnd === lineStart + 1) return null;
  if (keywordEnd < lineEnd && !isSpaceCode(text.charCodeAt(keywordEnd))) return null;
  const keyword = SECTION_KEYWORDS.get(text, lineStart + 1, keywordEnd);
  return keyword === undefined ? null : { kind: keyword.kind, name: keyword.name, keywordEnd };
}

export interface ParsedHeaderArguments {
  options: SectionOption[];
  subpackage: Span | null;
  fullName: boolean;
  conditions: Span | null;
}

interface OptionTable {
  /** Option letters and whether each takes a value. */
  letters: ReadonlyMap<string, boolean>;
  /** Whether a positional package name is allowed. */
  takesName: boolean;
}

const SCRIPT_LETTERS: [string, boolean][] = [
  ["p", true],
  ["n", true],
  ["f", true],
  ["e", false],
  ["q", false],
  ["P", true],
];

const OPTION_TABLES: Partial<Record<SectionKind, OptionTable>> = {
  description: { letters: new Map([["n", true], ["l", true]]), takesName: true },
  files: { letters: new Map([["n", true], ["f", true]]), takesName: true },
  scriptlet: { letters: new Map(SCRIPT_LETTERS), takesName: true },
  verifyscript: { letters: new Map(SCRIPT_LETTERS), takesName: true },
  trigger: { letters: new Map(SCRIPT_LETTERS), takesName: true },
  filetrigger: { letters: new Map(SCRIPT_LETTERS), takesName: true },
  sepolicy: { letters: new Map([["n", true]]), takesName: true },
};

const BUILD_SCRIPT_TABLE: OptionTable = { letters: new Map([["a", false], ["p", false]]), takesName: false };

/** Sections rpm runs at build time, in the buildroot. */
export const BUILD_SCRIPT_SECTIONS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  "prep",
  "conf",
  "generate_buildrequires",
  "build",
  "install",
  "check",
  "clean",
]);

/** The build scriptlets, where a spec writes or fixes the scripts it ships (`%clean` ships nothing). */
export const SHIPPING_BUILD_SECTIONS: ReadonlySet<SectionKind> = new Set([...BUILD_SCRIPT_SECTIONS].filter((kind) => kind !== "clean"));

/** Sections rpm runs on the user's system (install-time scriptlets and triggers). */
export const INSTALL_SCRIPT_SECTIONS: ReadonlySet<SectionKind> = new Set(["scriptlet", "trigger", "filetrigger", "verifyscript"]);

/** Sections whose text is shell that rpm runs, at build time or on the user's system. */
export const SCRIPT_SECTIONS: ReadonlySet<SectionKind> = new Set([...BUILD_SCRIPT_SECTIONS, ...INSTALL_SCRIPT_SECTIONS]);

function isPackageDelimiter(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

class HeaderArgumentParser {
  readonly options: SectionOption[] = [];
  subpackage: Span | null = null;
  fullName = false;
  conditions: Span | null = null;

  constructor(
    private readonly text: string,
    private readonly keyword: string,
    private readonly diagnostics: SyntaxDiagnostic[],
  ) {}

  report(message: string, start: number, end: number): void {
    this.diagnostics.push({ message: `%${this.keyword}: ${message}`, start, end });
  }

  span(start: number, end: number): Span {
    return makeSpan(this.text, start, end);
  }

  valueSpan(word: ArgumentWord): Span {
    return this.span(word.valueStart, word.valueEnd);
  }

  /**
   * `%package NAME` and `%package -n NAME`: rpm splits these at spaces, tabs and newlines, without
   * quoting, after expanding them; a macro group as written is therefore one word.
   */
  parsePackage(start: number, end: number, headerStart: number): void {
    const words: { start: number; end: number }[] = [];
    let index = start;
    while (index < end) {
      while (index < end && isPackageDelimiter(this.text.charCodeAt(index))) index++;
      if (index >= end) break;
      const wordStart = index;
      while (index < end && !isPackageDelimiter(this.text.charCodeAt(index))) index = skipMacroUnit(this.text, index, end);
      words.push({ start: wordStart, end: index });
    }
    let next = 0;
    const first = words[0];
    if (first !== undefined && this.text.slice(first.start, first.end) === "-n") {
      const value = words[1];
      this.options.push({ flag: this.span(first.start, first.end), value: value ? this.span(value.start, value.end) : null });
      this.fullName = true;
      if (value === undefined) {
        this.report("option -n needs a package name", first.start, first.end);
        return;
      }
      this.subpackage = this.span(value.start, value.end);
      next = 2;
    } else if (first !== undefined) {
      this.subpackage = this.span(first.start, first.end);
      next = 1;
    } else {
      this.report("a package name is required", headerStart, end);
      return;
    }
    const extra = words[next];
    const literal = words.every((word) => indexOfCode(this.text, 0x25, word.start, word.end) === -1);
    if (extra !== undefined && literal) {
      const last = words[words.length - 1] as { end: number };
      this.report(`unexpected text after the package name: ${this.text.slice(extra.start, last.end)}`, extra.start, last.end);
    }
  }

  /** Options as popt reads them, for the kinds of section that take options. */
  parseOptions(start: number, end: number, table: OptionTable): void {
    // Most headers have no arguments at all: nothing to split.
    if (skipSpace(this.text, start, end) >= end) return;
    const { words, unterminatedQuote } = splitArguments(this.text, start, end);
    if (unterminatedQuote !== -1) this.report("unterminated quote", unterminatedQuote, end);
    const positional: ArgumentWord[] = [];
    let optionsEnded = false;
    for (let index = 0; index < words.length; index++) {
      const word = words[index] as ArgumentWord;
      const raw = this.text.slice(word.start, word.end);
      if (optionsEnded || raw.length < 2 || raw[0] !== "-") {
        positional.push(word);
        continue;
      }
      if (raw === "--") {
        optionsEnded = true;
        continue;
      }
      // A cluster such as `-eq`, or an option with its value attached such as `-fFILE`.
      for (let letterIndex = 1; letterIndex < raw.length; letterIndex++) {
        const letter = raw[letterIndex] as string;
        const flagStart = letterIndex === 1 ? word.start : word.start + letterIndex;
        const flagEnd = word.start + letterIndex + 1;
        const takesValue = table.letters.get(letter);
        if (takesValue === undefined) {
          this.report(`unknown option -${letter}`, flagStart, flagEnd);
          break;
        }
        if (!takesValue) {
          this.options.push({ flag: this.span(flagStart, flagEnd), value: null });
          continue;
        }
        let value: Span | null = null;
        if (letterIndex + 1 < raw.length) {
          value = this.span(flagEnd, word.end);
        } else {
          const next = words[index + 1];
          if (next !== undefined) {
            value = this.valueSpan(next);
            index++;
          } else {
            this.report(`option -${letter} needs a value`, flagStart, flagEnd);
          }
        }
        this.options.push({ flag: this.span(flagStart, flagEnd), value });
        if (letter === "n" && value !== null) {
          this.fullName = true;
          this.subpackage = value;
        }
        break;
      }
    }
    if (!table.takesName) return;
    const firstName = positional[0];
    if (firstName === undefined) return;
    // rpm expands the header before reading it, and a macro may expand to nothing or to text that
    // starts on a new line (`%description %_description`): only literal extra names are certain.
    const certain = positional.every((word) => indexOfCode(this.text, 0x25, word.start, word.end) === -1);
    if (certain && (this.fullName || positional.length > 1)) {
      const from = this.fullName ? firstName : (positional[1] as ArgumentWord);
      const last = positional[positional.length - 1] as ArgumentWord;
      this.report(`too many package names: ${this.text.slice(from.start, last.end)}`, from.start, last.end);
    }
    if (!this.fullName) this.subpackage = this.valueSpan(firstName);
  }

  /** Everything after a blank-separated `--` (outside macro groups) in a trigger header is its condition. */
  splitTriggerConditions(start: number, end: number, headerStart: number): number {
    let index = start;
    while (index < end) {
      if (
        this.text.startsWith("--", index) &&
        isBlankCode(this.text.charCodeAt(index - 1)) &&
        index + 2 < end &&
        isBlankCode(this.text.charCodeAt(index + 2))
      ) {
        let conditionStart = index + 2;
        while (conditionStart < end && isSpaceCode(this.text.charCodeAt(conditionStart))) conditionStart++;
        this.conditions = this.span(conditionStart, end);
        if (conditionStart === end) this.report("missing trigger condition after --", index, index + 2);
        return index;
      }
      index = skipMacroUnit(this.text, index, end);
    }
    this.report("a trigger needs -- followed by its condition", headerStart, end);
    return end;
  }

  checkScriptOptions(kind: SectionKind): void {
    for (const option of this.options) {
      const letter = option.flag.text[option.flag.text.length - 1];
      const value = option.value;
      if (letter === "p" && value !== null && !value.text.includes("%")) {
        if (value.text.startsWith("<")) {
          if (!value.text.endsWith(">")) this.report(`internal script must end with '>': ${value.text}`, value.start, value.end);
        } else if (!value.text.startsWith("/")) {
          this.report(`script program must begin with '/': ${value.text}`, value.start, value.end);
        }
      }
      if (letter === "P") {
        if (kind !== "trigger" && kind !== "filetrigger") {
          this.report("priorities are allowed only for triggers", option.flag.start, option.flag.end);
        } else if (value !== null && !value.text.includes("%") && !/^[+-]?\d+$/.test(value.text)) {
          this.report(`priority must be a number: ${value.text}`, value.start, value.end);
        }
      }
    }
  }

  checkBuildScriptOptions(): void {
    if (this.options.length < 2) return; // a conflict takes two options
    const letters = new Set(this.options.map((option) => option.flag.text[option.flag.text.length - 1]));
    if (letters.has("a") && letters.has("p")) {
      const first = this.options[0] as SectionOption;
      const last = this.options[this.options.length - 1] as SectionOption;
      this.report("append (-a) and prepend (-p) cannot both be given", first.flag.start, last.flag.end);
    }
  }
}

/**
 * Parses the arguments of a section header whose keyword ends at `keywordEnd`; `end` is the end of
 * the header's content (without the newline). Problems are added to `diagnostics`.
 */
export function parseHeaderArguments(
  text: string,
  kind: SectionKind,
  keyword: string,
  headerStart: number,
  keywordEnd: number,
  end: number,
  diagnostics: SyntaxDiagnostic[],
): ParsedHeaderArguments {
  const contentEnd = trimEnd(text, keywordEnd, end);
  const parser = new HeaderArgumentParser(text, keyword, diagnostics);
  if (kind === "package") {
    parser.parsePackage(keywordEnd, contentEnd, headerStart);
  } else if (kind === "end") {
    let argumentStart = keywordEnd;
    while (argumentStart < contentEnd && isSpaceCode(text.charCodeAt(argumentStart))) argumentStart++;
    if (argumentStart < contentEnd) parser.report("takes no arguments", argumentStart, contentEnd);
  } else if (BUILD_SCRIPT_SECTIONS.has(kind)) {
    parser.parseOptions(keywordEnd, contentEnd, BUILD_SCRIPT_TABLE);
    parser.checkBuildScriptOptions();
  } else {
    const table = OPTION_TABLES[kind];
    if (table !== undefined) {
      let optionsEnd = contentEnd;
      if (kind === "trigger" || kind === "filetrigger") {
        optionsEnd = parser.splitTriggerConditions(keywordEnd, contentEnd, headerStart);
      }
      parser.parseOptions(keywordEnd, optionsEnd, table);
      parser.checkScriptOptions(kind);
    }
  }
  return {
    options: parser.options,
    subpackage: parser.subpackage,
    fullName: parser.fullName,
    conditions: parser.conditions,
  };
}
