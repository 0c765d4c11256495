/**
 * The lossless syntax tree of a spec file.
 *
 * Every node covers a half-open range `[start, end)` of UTF-16 offsets into `SpecFile.text`.
 * The line-level nodes of all sections, in order, partition the text after the BOM with no gap
 * and no overlap, so `printSpec` can rebuild the input byte for byte. Sub-line structure (tag
 * names, values, macro uses, options) is described by `Span`s into the same text, so a rule can
 * report any part of a line with an exact line and column.
 */

/** A range of `SpecFile.text`; `text` is the slice, kept for convenience. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Encoding facts needed to print the file back exactly as it was read. */
export interface SourceEncoding {
  /** A UTF-8 byte order mark preceded the text (it is not part of `text`). */
  bom: boolean;
  /**
   * `utf8` when the bytes were valid UTF-8; `latin1` when they were not, in which case every
   * byte became one character so that printing can restore the original bytes.
   */
  charset: "utf8" | "latin1";
}

export interface SpecFile {
  type: "SpecFile";
  text: string;
  encoding: SourceEncoding;
  /** The preamble first (its header is null), then each section in file order. */
  sections: Section[];
  /** Every conditional block, outermost first in file order. */
  conditionals: ConditionalBlock[];
  /** `spec-syntax-error` findings of the parse. */
  diagnostics: SyntaxDiagnostic[];
  /** Offsets where each line starts (index 0 is line 1). */
  lineStarts: number[];
}

export interface SyntaxDiagnostic {
  message: string;
  start: number;
  end: number;
}

export type SectionKind =
  | "preamble"
  | "package"
  | "description"
  | "prep"
  | "conf"
  | "generate_buildrequires"
  | "build"
  | "install"
  | "check"
  | "clean"
  | "files"
  | "changelog"
  | "scriptlet"
  | "trigger"
  | "filetrigger"
  | "verifyscript"
  | "sourcelist"
  | "patchlist"
  /** `%sepolicy`, an old SELinux policy section rpm still accepts. */
  | "sepolicy"
  | "end";

export interface Section {
  type: "Section";
  kind: SectionKind;
  /** Null only for the preamble. */
  header: SectionHeader | null;
  /** The lines after the header, up to the next section header. */
  lines: LineNode[];
  start: number;
  end: number;
}

export interface SectionOption {
  /** The option as written, e.g. `-n`, `-f`, `-p`, `-a`. */
  flag: Span;
  value: Span | null;
}

export interface SectionHeader {
  type: "SectionHeader";
  start: number;
  /** End of the header line including its final newline (if any). */
  end: number;
  line: number;
  /** 1-based line of the header's last physical line (several when a macro construct spans lines). */
  endLine: number;
  /** The innermost conditional branch that encloses the header, or null at top level. */
  branch: ConditionalBranch | null;
  /** The keyword as written without `%`, e.g. `Description`, `post`, `triggerin`. */
  keyword: Span;
  /** Lower-cased keyword, e.g. `post`, `triggerin`, `prep`. */
  name: string;
  options: SectionOption[];
  /**
   * The subpackage name: the `-n` value or the positional argument (`%package doc` → `doc`).
   * Macros are unexpanded; rpm expands the whole header line before reading it, so a macro here
   * may expand to nothing or to text on following lines (`%description %_description`).
   */
  subpackage: Span | null;
  /** `-n` was given: `subpackage` is the full package name, not a suffix. */
  fullName: boolean;
  /** Text after `--` in trigger and scriptlet headers (trigger conditions). */
  conditions: Span | null;
}

export type LineNode =
  | BlankLine
  | CommentLine
  | ConditionalLine
  | MacroDefinitionLine
  | BcondLine
  | TagLine
  | FilesLine
  | ChangelogHeaderLine
  | TextLine;

interface LineBase {
  start: number;
  /** End of the node including its final newline (if any). */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /**
   * 1-based line of the node's last physical line: the line its final newline ends (for a
   * definition continued onto an empty line, that empty line).
   */
  endLine: number;
  /**
   * The innermost conditional branch that encloses this line, or null at top level. For a
   * `%if`/`%elif`/`%else`/`%endif` line it is the branch enclosing the whole block.
   */
  branch: ConditionalBranch | null;
}

export interface BlankLine extends LineBase {
  type: "BlankLine";
}

/** A line whose first non-blank character is `#`. */
export interface CommentLine extends LineBase {
  type: "CommentLine";
  /** The comment text after `#`, without the newline. */
  content: Span;
}

export type ConditionalKeyword =
  | "if"
  | "ifarch"
  | "ifnarch"
  | "ifos"
  | "ifnos"
  | "elif"
  | "elifarch"
  | "elifos"
  | "else"
  | "endif";

/** `%if`, `%elif`, `%else`, `%endif` and the arch/os forms. */
export interface ConditionalLine extends LineBase {
  type: "ConditionalLine";
  keyword: ConditionalKeyword;
  /** The directive as written, `%` included: `%if`, `%endif`. */
  keywordSpan: Span;
  /**
   * The expression or arch/os list; null for `%else`/`%endif`. A line ending in a backslash
   * continues the expression on the next line (rpm reads the backslash-newline as spaces).
   */
  expression: Span | null;
  /**
   * Text after `%else`/`%endif`: a `#` comment, which rpm allows, or anything else, which rpm
   * rejects (the parser reports it).
   */
  trailing: Span | null;
}

/** One branch of a conditional block: the directive and the lines it governs. */
export interface ConditionalBranch {
  type: "ConditionalBranch";
  directive: ConditionalLine;
  block: ConditionalBlock;
  /** Offsets of the branch's body: after the directive line up to the next directive. */
  start: number;
  end: number;
}

export interface ConditionalBlock {
  type: "ConditionalBlock";
  /** The `%if…`, then `%elif…` and `%else` branches in order. */
  branches: ConditionalBranch[];
  /** The closing `%endif`, or null when the file ended first (a syntax error). */
  endif: ConditionalLine | null;
  /** The branch this block is nested in. */
  parent: ConditionalBranch | null;
}

/** `%global`, `%define` and `%undefine`, whose body may continue over several lines. */
export interface MacroDefinitionLine extends LineBase {
  type: "MacroDefinitionLine";
  keyword: "global" | "define" | "undefine";
  name: Span;
  /** The parameter spec of a parametric macro without parentheses: `%define foo(a:b)` → `a:b`. */
  parameters: Span | null;
  /** The body as written, continuation backslashes and newlines included; null for `%undefine`. */
  body: Span | null;
}

/** `%bcond NAME DEFAULT`, `%bcond_with NAME`, `%bcond_without NAME`. */
export interface BcondLine extends LineBase {
  type: "BcondLine";
  keyword: "bcond" | "bcond_with" | "bcond_without";
  name: Span;
  /** The default expression of `%bcond`; null for the two older forms. */
  defaultValue: Span | null;
}

/** A preamble tag line such as `BuildRequires: python3-devel`. */
export interface TagLine extends LineBase {
  type: "TagLine";
  /** The tag name as written, e.g. `Buildrequires`, `Source0`, `Requires`, `Patch 11`. */
  tag: Span;
  /**
   * The canonical lower-case name without number: `buildrequires`, `source`, `patch`, `summary`.
   * Aliases are folded: `BuildArchitectures` is `buildarch`, `Prefixes` is `prefix`.
   */
  name: string;
  /** The number of `SourceN`/`PatchN` (`Patch 11:` too); null when unnumbered. */
  number: number | null;
  /** The qualifier list in parentheses, `Requires(post,preun):` → `post,preun`; null if none. */
  qualifiers: Span | null;
  /** The value after the colon, trimmed of surrounding white space, without the newline. */
  value: Span;
}

/** One `%doc`-style directive on a `%files` line, e.g. `%attr(0644,root,root)` or `%config`. */
export interface FilesDirective {
  /** Lower-case directive name without `%`: `doc`, `license`, `attr`, `config`, `ghost`… */
  name: string;
  span: Span;
  /** The text inside parentheses, if any: `%config(noreplace)` → `noreplace`. */
  argument: Span | null;
}

/** A line of a `%files` section that lists paths. */
export interface FilesLine extends LineBase {
  type: "FilesLine";
  directives: FilesDirective[];
  /** The path words (macros and globs unexpanded), in order; a double-quoted path without its quotes. */
  paths: Span[];
}

/** `* Mon Jan 01 2024 Name <email> - 1.0-1` in `%changelog`. */
export interface ChangelogHeaderLine extends LineBase {
  type: "ChangelogHeaderLine";
  /** The date words (`Mon Jan 01 2024`, or with a time for the long form). */
  date: Span | null;
  author: Span | null;
  /** The address inside `<…>`; an address written without angle brackets stays in `author`. */
  email: Span | null;
  /** The version-release after the email, if given. */
  evr: Span | null;
}

/**
 * Any other line: shell in build sections, text in `%description`, changelog bodies, macro calls
 * in the preamble. Usually one physical line; it spans several when a macro construct opened on
 * it (`%{lua:`, `%{expand:`, `%(`) closes on a later line.
 */
export interface TextLine extends LineBase {
  type: "TextLine";
  /** The content without the final newline. */
  content: Span;
}

/** How a macro is written. */
export type MacroUseForm =
  /** `%name`, optionally followed by arguments up to the end of the line. */
  | "plain"
  /** `%{name}`, `%{?name}`, `%{!?name:…}`, `%{name:arg}`, `%{name arg}` */
  | "braced"
  /** `%(shell command)` — never executed. */
  | "shell"
  /** `%[expression]` */
  | "expression";

/**
 * A macro reference found in text. Scanners report uses flat and in source order, nested ones
 * included: `%{?a:%{b}}` yields `a`, then `b`.
 */
export interface MacroUse {
  start: number;
  end: number;
  form: MacroUseForm;
  /** The macro name (`python3_sitelib`, `lua`, `expand`, `?`-stripped); empty for shell/expression. */
  name: string;
  /** `%{?name}`: expands to nothing when undefined. */
  conditional: boolean;
  /** `%{!?name:…}`: negated test. */
  negated: boolean;
  /**
   * The text after `:` in `%{name:arg}`, after the space in `%{name arg}`, the rest of the line
   * after `%name ` for plain uses, or the inside of `%(…)`/`%[…]`.
   */
  argument: Span | null;
}

/** One entry of a dependency tag value (`Requires`, `BuildRequires`, `Provides`…). */
export type Dependency = SimpleDependency | RichDependency;

export type VersionOperator = "=" | "==" | "<" | "<=" | ">" | ">=";

/** `name`, or `name OP evr`; macros are left unexpanded. */
export interface SimpleDependency {
  kind: "simple";
  start: number;
  end: number;
  name: Span;
  operator: Span | null;
  version: Span | null;
}

/** A parenthesised boolean dependency such as `(a or b)` or `(a if b else c)`. */
export interface RichDependency {
  kind: "rich";
  start: number;
  end: number;
  /** `and`, `or`, `if`, `unless`, `with`, `without`; `else` follows `if`/`unless`. */
  operator: string | null;
  operands: Dependency[];
}
