/**
 * The contract between rules, the engine that runs them, and everything that consumes findings.
 */
import type { Evaluation } from "../evaluation/types.js";
import type {
  BcondLine,
  ChangelogHeaderLine,
  CommentLine,
  ConditionalLine,
  FilesLine,
  LineNode,
  MacroDefinitionLine,
  Section,
  SectionHeader,
  SpecFile,
  TagLine,
  TextLine,
} from "../tree/nodes.js";

export type Severity = "error" | "warning" | "info";
export type SeveritySetting = Severity | "off";

/** ruff's applicability: a safe fix never changes what the spec means beyond the finding. */
export type FixApplicability = "safe" | "unsafe";

/** Replace `[start, end)` of the spec text with `text` (UTF-16 offsets). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  applicability: FixApplicability;
  edits: TextEdit[];
}

/** A position in the file: 1-based line and column (column counts UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets of the reported range, for fixes and suppression. */
  start: number;
  end: number;
  url: string;
  fix: Fix | null;
}

/** Whether a rule reports problems, suggestions or layout issues (ESLint's `meta.type`). */
export type RuleType = "problem" | "suggestion" | "layout";

export interface RuleMeta<MessageId extends string = string> {
  name: string;
  severity: Severity;
  type: RuleType;
  /** The guideline section behind the rule, with its anchor. */
  guideline: string;
  /** One line: what the rule reports. */
  description: string;
  /**
   * Message templates; `{{key}}` placeholders are filled from the report's data. (Double braces:
   * single ones are everywhere in spec macros such as `%{name}`.)
   */
  messages: Record<MessageId, string>;
  /**
   * Default severities of the messages whose catalog severity differs from `severity` (e.g. a
   * warning rule with one error case). A user's severity override applies to every message.
   */
  messageSeverities?: Partial<Record<MessageId, Severity>>;
  /** `none` when the rule never offers a fix. */
  fix: FixApplicability | "none";
}

/** What a rule reports; the engine turns it into a Finding. */
export interface Report<MessageId extends string = string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  /**
   * The reported range of the spec text; a report whose `start` is in dead code is dropped. When
   * the line of `start` depends on a condition that cannot be decided statically, the engine
   * appends ``(in a branch that depends on `COND`)`` to the message: templates never say it.
   */
  start: number;
  end: number;
  /**
   * Where the construct whose branch decides the finding is, when that is another line than
   * `start` (e.g. a Requires reported because of the `%package` section it belongs to); the
   * branch note then names the condition of that line.
   */
  conditionAt?: number;
  fix?: Omit<Fix, "applicability"> & { applicability?: FixApplicability };
}

export interface RuleContext<MessageId extends string = string> {
  readonly tree: SpecFile;
  readonly evaluation: Evaluation;
  /** The path the spec was read from, or null for text given directly. */
  readonly filePath: string | null;
  report(report: Report<MessageId>): void;
}

/**
 * Visitor methods called during the single walk; all are optional. Lines (and section headers)
 * in a branch that is dead for the target are not visited; lines of unknown liveness are.
 */
export interface RuleVisitor {
  section?(section: Section): void;
  sectionHeader?(header: SectionHeader, section: Section): void;
  tagLine?(line: TagLine, section: Section): void;
  /**
   * Every tag of the preamble and `%package` sections as rpm reads it for the target: each tag
   * line, and each tag a line declares inside a `%{?cond:Tag: …}` body that rpm keeps (given as a
   * tag line over the body's text).
   */
  tag?(line: TagLine, section: Section): void;
  macroDefinition?(line: MacroDefinitionLine, section: Section): void;
  bcond?(line: BcondLine, section: Section): void;
  conditional?(line: ConditionalLine, section: Section): void;
  comment?(line: CommentLine, section: Section): void;
  filesLine?(line: FilesLine, section: Section): void;
  changelogHeader?(line: ChangelogHeaderLine, section: Section): void;
  textLine?(line: TextLine, section: Section): void;
  /** Called for every line, whatever its type, before the type-specific method. */
  line?(line: LineNode, section: Section): void;
  /** Called once after the walk, for whole-spec rules. */
  endOfFile?(): void;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  /** The docs URL of the rule (derived from its name). */
  docsUrl: string;
  /**
   * Builds the rule's visitor for one spec. Null for the rules whose findings the engine itself
   * produces (`spec-syntax-error` from the parser's diagnostics, `unused-disable-directive` from
   * suppression); their files hold only the metadata.
   */
  create: ((context: RuleContext<MessageId>) => RuleVisitor) | null;
}
