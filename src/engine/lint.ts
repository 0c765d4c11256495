import { tagsInMacroBodies } from "../evaluation/dependencies.js";
import { evaluate } from "../evaluation/evaluate.js";
import type { Evaluation, EvaluationOptions } from "../evaluation/types.js";
import { parseSpec } from "../parser/parse.js";
import type { CommentLine, LineNode, SectionHeader, SourceEncoding } from "../tree/nodes.js";
import { SYNTAX_ERROR_RULE, UNUSED_DIRECTIVE_RULE } from "./define-rule.js";
import { commentTargets, lineEntries } from "./lines.js";
import { branchNote, formatMessage } from "./messages.js";
import { positionAt } from "../text/positions.js";
import { parseDirective, type DirectiveParse } from "./directives.js";
import { applySuppressions, type DirectiveProblem, type PlacedDirective, type RuleNames } from "./suppression.js";
import type { Finding, Fix, Report, Rule, RuleContext, RuleVisitor, Severity, SeveritySetting } from "./types.js";

export interface LintOptions extends EvaluationOptions {
  /**
   * Every rule the linter knows (the library passes `rules/index.ts`). Turn rules off with
   * `severities` rather than leaving them out: suppression directives naming a rule that is not
   * in this list are reported as unknown.
   */
  rules: readonly Rule[];
  /** The path the spec was read from; null or absent for text given directly. */
  filePath?: string | null;
  /** Severity per rule name, overriding the rule's default; `off` disables the rule. */
  severities?: Readonly<Record<string, SeveritySetting>>;
}

export interface LintResult {
  filePath: string | null;
  /** The decoded spec text (without BOM) that the findings' offsets, lines and columns refer to. */
  source: string;
  encoding: SourceEncoding;
  /** Sorted by position, then rule name. */
  findings: Finding[];
}

/** A severity override names a rule the linter does not know, or is not a severity. */
export class LintOptionsError extends Error {
  override name = "LintOptionsError";
}

const SEVERITY_SETTINGS: readonly string[] = ["off", "info", "warning", "error"];

const NO_OVERRIDES: Readonly<Record<string, SeveritySetting>> = {};

/** What the engine needs to know of the rules and settings it is given. */
interface RuleSettings {
  /** The enabled rules, each with its severity override (null: the rule's own severities). */
  severities: Map<Rule, Severity | null>;
  byName: Map<string, Rule>;
  names: RuleNames;
}

const settingsCache = new WeakMap<readonly Rule[], Map<string, RuleSettings>>();

/** A run over many files passes the same rules and settings each time, so they are read once. */
function ruleSettings(options: LintOptions): RuleSettings {
  const overrides = options.severities ?? NO_OVERRIDES;
  let bySettings = settingsCache.get(options.rules);
  if (bySettings === undefined) {
    bySettings = new Map();
    settingsCache.set(options.rules, bySettings);
  }
  const key = JSON.stringify(overrides);
  let settings = bySettings.get(key);
  if (settings === undefined) {
    settings = readSettings(options.rules, overrides);
    bySettings.set(key, settings);
  }
  return settings;
}

function readSettings(rules: readonly Rule[], overrides: Readonly<Record<string, SeveritySetting>>): RuleSettings {
  const byName = new Map(rules.map((rule) => [rule.meta.name, rule]));
  for (const [name, setting] of Object.entries(overrides)) {
    if (!byName.has(name)) throw new LintOptionsError(`unknown rule "${name}" in severity settings`);
    if (!SEVERITY_SETTINGS.includes(setting)) {
      throw new LintOptionsError(`invalid severity "${String(setting)}" for rule "${name}" (expected off, info, warning or error)`);
    }
  }
  const severities = new Map<Rule, Severity | null>();
  for (const rule of rules) {
    const setting = overrides[rule.meta.name];
    if (setting !== "off") severities.set(rule, setting ?? null);
  }
  const enabled = new Set([...severities.keys()].map((rule) => rule.meta.name));
  return { severities, byName, names: { known: new Set(byName.keys()), enabled } };
}

interface ActiveRule {
  rule: Rule;
  visitor: RuleVisitor | null;
  crashed: boolean;
}

interface Handler<Method extends keyof RuleVisitor> {
  entry: ActiveRule;
  visitor: RuleVisitor;
  handler: NonNullable<RuleVisitor[Method]>;
}

type Handlers = { [Method in keyof RuleVisitor]-?: Handler<Method>[] };

/** For each visitor method, the rules whose visitor defines it, in rule order. */
function listHandlers(active: readonly ActiveRule[]): Handlers {
  const handlers: Handlers = {
    section: [],
    sectionHeader: [],
    tagLine: [],
    tag: [],
    macroDefinition: [],
    bcond: [],
    conditional: [],
    comment: [],
    filesLine: [],
    changelogHeader: [],
    textLine: [],
    line: [],
    endOfFile: [],
  };
  for (const entry of active) {
    const visitor = entry.visitor;
    if (visitor === null) continue;
    // Only the methods the visitor defines are looked at: every visitor has its own shape, so
    // asking each one for all the method names is a slow lookup per name per spec.
    for (const method in visitor) {
      const list = handlers[method as keyof RuleVisitor] as Handler<keyof RuleVisitor>[] | undefined;
      const handler = visitor[method as keyof RuleVisitor];
      if (list !== undefined && handler !== undefined) list.push({ entry, visitor, handler });
    }
  }
  return handlers;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Lints a spec given as text or bytes. */
export function lintSpec(input: string | Uint8Array, options: LintOptions): LintResult {
  const { tree } = parseSpec(input);
  const evaluation = evaluate(tree, { target: options.target, with: options.with, without: options.without });
  return lintEvaluated(evaluation, options);
}

/** Lints a spec that is already parsed and evaluated (the target options are then ignored). */
export function lintEvaluated(evaluation: Evaluation, options: LintOptions): LintResult {
  const tree = evaluation.tree;
  const filePath = options.filePath ?? null;
  const { severities, byName: ruleByName, names: ruleNames } = ruleSettings(options);
  const findings: Finding[] = [];

  const makeFinding = (rule: Rule, severity: Severity, message: string, start: number, end: number, fix: Fix | null): Finding => {
    const from = positionAt(tree, start);
    const to = positionAt(tree, end);
    return {
      rule: rule.meta.name,
      severity,
      message,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      start,
      end,
      url: rule.meta.guideline,
      fix,
    };
  };

  const findingOfReport = (rule: Rule, report: Report): Finding => {
    const { meta } = rule;
    if (!(0 <= report.start && report.start <= report.end && report.end <= tree.text.length)) {
      throw new RangeError(`report range [${report.start}, ${report.end}) is outside the spec text`);
    }
    const conditionAt = report.conditionAt ?? report.start;
    if (!(0 <= conditionAt && conditionAt <= tree.text.length)) {
      throw new RangeError(`report conditionAt ${conditionAt} is outside the spec text`);
    }
    const message = formatMessage(meta, report.messageId, report.data) + branchNote(evaluation.unknownConditionAt(conditionAt));
    const severity = severities.get(rule) ?? meta.messageSeverities?.[report.messageId] ?? meta.severity;
    let fix: Fix | null = null;
    if (report.fix !== undefined) {
      const applicability = report.fix.applicability ?? (meta.fix === "none" ? null : meta.fix);
      if (applicability === null) throw new Error(`the rule offers a fix but its meta.fix is "none"`);
      for (const edit of report.fix.edits) {
        if (!(0 <= edit.start && edit.start <= edit.end && edit.end <= tree.text.length)) {
          throw new RangeError(`fix edit [${edit.start}, ${edit.end}) is outside the spec text`);
        }
      }
      fix = { title: report.fix.title, applicability, edits: report.fix.edits.map((edit) => ({ ...edit })) };
    }
    return makeFinding(rule, severity, message, report.start, report.end, fix);
  };

  const crashFinding = (rule: Rule, error: unknown, node: { start: number } | null): Finding => {
    const reason = error instanceof Error ? error.message : String(error);
    const start = node?.start ?? 0;
    const lineEnd = tree.text.indexOf("\n", start);
    const end = lineEnd === -1 ? tree.text.length : lineEnd;
    const where = node === null ? "" : ` at line ${positionAt(tree, start).line}`;
    const message = `internal error in rule ${rule.meta.name}${where}, which was stopped for this file: ${reason} (please report this bug)`;
    return makeFinding(rule, "error", message, start, end, null);
  };

  const active: ActiveRule[] = [];
  for (const rule of severities.keys()) {
    if (rule.create === null) continue;
    const context: RuleContext = {
      tree,
      evaluation,
      filePath,
      report(report) {
        const finding = findingOfReport(rule, report);
        if (evaluation.livenessAt(report.start) !== "dead") findings.push(finding);
      },
    };
    const entry: ActiveRule = { rule, visitor: null, crashed: false };
    try {
      entry.visitor = rule.create(context);
    } catch (error) {
      entry.crashed = true;
      findings.push(crashFinding(rule, error, null));
    }
    active.push(entry);
  }

  // Each visitor method is called through a list of the rules that define it: most rules define
  // one to three of the methods, and the walk visits every line of the spec.
  const handlers = listHandlers(active);
  // Every visitor method takes at most two arguments; passing them by position spares the walk
  // an arguments array per call.
  const call = (list: readonly Handler<keyof RuleVisitor>[], node: { start: number } | null, first?: unknown, second?: unknown): void => {
    for (const { entry, visitor, handler } of list) {
      if (entry.crashed) continue;
      try {
        (handler as (first: unknown, second: unknown) => void).call(visitor, first, second);
      } catch (error) {
        entry.crashed = true;
        findings.push(crashFinding(entry.rule, error, node));
      }
    }
  };
  const onType: { readonly [Type in LineNode["type"]]: readonly Handler<keyof RuleVisitor>[] } = {
    TagLine: handlers.tagLine,
    MacroDefinitionLine: handlers.macroDefinition,
    BcondLine: handlers.bcond,
    ConditionalLine: handlers.conditional,
    CommentLine: handlers.comment,
    FilesLine: handlers.filesLine,
    ChangelogHeaderLine: handlers.changelogHeader,
    TextLine: handlers.textLine,
    BlankLine: [],
  };

  const directiveComments: { comment: CommentLine; parse: DirectiveParse }[] = [];
  for (const section of tree.sections) {
    const header: SectionHeader | null = section.header;
    if (header === null || evaluation.livenessAt(header.start) !== "dead") {
      call(handlers.section, header ?? section, section);
      if (header !== null) call(handlers.sectionHeader, header, header, section);
    }
    for (const line of section.lines) {
      if (evaluation.livenessAt(line.start) === "dead") continue;
      if (line.type === "CommentLine") {
        const parse = parseDirective(line.content);
        if (parse !== null) directiveComments.push({ comment: line, parse });
      }
      call(handlers.line, line, line, section);
      const typed = onType[line.type];
      if (typed.length > 0) call(typed, line, line, section);
      if (handlers.tag.length > 0) {
        if (line.type === "TagLine") call(handlers.tag, line, line, section);
        else if (line.type === "TextLine" && (section.kind === "preamble" || section.kind === "package")) {
          for (const tag of tagsInMacroBodies(evaluation, line)) call(handlers.tag, tag, tag, section);
        }
      }
    }
  }
  call(handlers.endOfFile, null);

  // Few specs have directives: the line each one applies to is worked out only for them.
  const directives: PlacedDirective[] = [];
  if (directiveComments.length > 0) {
    const targets = commentTargets(lineEntries(tree));
    for (const { comment, parse } of directiveComments) directives.push({ comment, parse, target: targets.get(comment) ?? null });
  }

  const syntaxRule = ruleByName.get(SYNTAX_ERROR_RULE);
  if (syntaxRule !== undefined && severities.has(syntaxRule)) {
    for (const diagnostic of tree.diagnostics) {
      findings.push(
        findingOfReport(syntaxRule, {
          messageId: "syntaxError",
          data: { message: diagnostic.message },
          start: diagnostic.start,
          end: diagnostic.end,
        }),
      );
    }
  }

  const suppression = applySuppressions(findings, directives, ruleNames);
  const result = suppression.kept;
  const unusedRule = ruleByName.get(UNUSED_DIRECTIVE_RULE);
  if (unusedRule !== undefined && severities.has(unusedRule)) {
    result.push(...suppression.directiveFindings((problem: DirectiveProblem) => findingOfReport(unusedRule, problem)));
  }
  result.sort(compareFindings);
  return { filePath, source: tree.text, encoding: tree.encoding, findings: result };
}
