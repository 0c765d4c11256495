/**
 * Shared by the generic rule tests: fixture expectations, per-test lint options, and the
 * comparison of reported findings with expected ones.
 */
import { readdirSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allRules } from "../../rules/index.js";
import { lineEntries, type LineEntry } from "../../src/engine/lines.js";
import type { Finding, Rule, SeveritySetting } from "../../src/engine/types.js";
import { parseSpec } from "../../src/parser/parse.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const fixturesRoot = path.join(repoRoot, "specs-corpus");
export const docsRoot = path.join(repoRoot, "docs", "rules");
export const rulesRoot = path.join(repoRoot, "rules");

export function ruleNamed(name: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.name === name);
}

/** Options a fixture or docs example may choose: `target=epel-9 with=a,b without=tests file=x.spec`. */
export interface TestOptions {
  target?: string;
  with?: string[];
  without?: string[];
  /** The file name the example is linted under (docs examples have none otherwise). */
  file?: string;
}

const TEST_OPTION_KEYS = new Set(["target", "with", "without", "file"]);

/** Reads `key=value` words; throws on anything else so a typo cannot silently change a test. */
export function parseTestOptions(words: readonly string[]): TestOptions {
  const options: TestOptions = {};
  for (const word of words) {
    const equals = word.indexOf("=");
    const key = word.slice(0, equals);
    const value = word.slice(equals + 1);
    if (equals <= 0 || !TEST_OPTION_KEYS.has(key) || value === "") {
      throw new Error(`bad test option "${word}" (expected target=, with=, without= or file=)`);
    }
    if (key === "target" || key === "file") options[key] = value;
    else options[key as "with" | "without"] = value.split(",");
  }
  return options;
}

/** Severities that turn every rule off except `ruleName`. */
export function onlyRule(ruleName: string): Record<string, SeveritySetting> {
  return Object.fromEntries(allRules.filter((rule) => rule.meta.name !== ruleName).map((rule) => [rule.meta.name, "off"]));
}

export interface Expectation {
  rule: string;
  line: number;
  column: number | null;
  messageIncludes: string | null;
  /** Line of the `# expect:` comment, for error messages. */
  writtenAt: number;
}

export interface FixtureComments {
  options: TestOptions;
  expectations: Expectation[];
  /** Problems with the comments themselves (a fixture error, not a rule error). */
  problems: string[];
}

const EXPECT_PREFIX = "expect:";
const OPTIONS_PREFIX = "rpmspec-lint-test:";

function testCommentKind(node: LineEntry["node"]): "options" | "expect" | null {
  if (node.type !== "CommentLine") return null;
  const content = node.content.text.trim();
  if (content.startsWith(OPTIONS_PREFIX)) return "options";
  if (content.startsWith(EXPECT_PREFIX)) return "expect";
  return null;
}

/**
 * Reads a fixture's test comments from the parsed tree:
 *   # rpmspec-lint-test: target=epel-9 without=tests
 *   # expect: <rule> [@<column>] [-- <message substring>]
 * An expectation applies to the next line that is not itself a test comment: normally the next
 * non-comment line, or a comment line for rules that report comments.
 */
export function readFixtureComments(text: string | Uint8Array): FixtureComments {
  const { tree } = parseSpec(text);
  const entries = lineEntries(tree);
  const result: FixtureComments = { options: {}, expectations: [], problems: [] };
  let optionsSeen = false;
  entries.forEach((entry, index) => {
    const kind = testCommentKind(entry.node);
    if (kind === null || entry.node.type !== "CommentLine") return;
    const comment = entry.node;
    const content = comment.content.text.trim();
    if (comment.content.text.includes("%")) {
      result.problems.push(`line ${comment.line}: test comments must not contain % (rpm expands macros in comments)`);
    }
    if (kind === "options") {
      if (optionsSeen) result.problems.push(`line ${comment.line}: a second ${OPTIONS_PREFIX} comment`);
      optionsSeen = true;
      try {
        result.options = parseTestOptions(content.slice(OPTIONS_PREFIX.length).trim().split(/\s+/).filter(Boolean));
      } catch (error) {
        result.problems.push(`line ${comment.line}: ${(error as Error).message}`);
      }
      return;
    }
    const body = content.slice(EXPECT_PREFIX.length);
    const marker = body.indexOf("--");
    const words = (marker === -1 ? body : body.slice(0, marker)).trim().split(/\s+/).filter(Boolean);
    const messageIncludes = marker === -1 ? null : body.slice(marker + 2).trim() || null;
    const [rule, columnWord, ...rest] = words;
    const column = columnWord === undefined ? null : /^@\d+$/.test(columnWord) ? Number(columnWord.slice(1)) : NaN;
    if (rule === undefined || Number.isNaN(column) || rest.length > 0) {
      result.problems.push(`line ${comment.line}: expected "# expect: <rule> [@<column>] [-- <message substring>]"`);
      return;
    }
    const target = entries.slice(index + 1).find((candidate) => testCommentKind(candidate.node) === null);
    if (target === undefined) {
      result.problems.push(`line ${comment.line}: no line follows the expectation`);
      return;
    }
    result.expectations.push({ rule, line: target.node.line, column, messageIncludes, writtenAt: comment.line });
  });
  return result;
}

function describeFinding(finding: Finding): string {
  return `${finding.rule} at ${finding.line}:${finding.column}: ${finding.message}`;
}

function describeExpectation(expectation: Expectation): string {
  const column = expectation.column === null ? "" : `:${expectation.column}`;
  const message = expectation.messageIncludes === null ? "" : ` with "${expectation.messageIncludes}"`;
  return `${expectation.rule} at ${expectation.line}${column}${message} (written on line ${expectation.writtenAt})`;
}

/**
 * Matches findings of the checked rules against expectations, one to one. Returns what was
 * expected but not reported and what was reported but not expected; both empty means the
 * fixture passes.
 */
export function compareWithExpectations(
  findings: readonly Finding[],
  expectations: readonly Expectation[],
  checkedRules: ReadonlySet<string>,
): { missing: string[]; unexpected: string[] } {
  const unmatched = findings.filter((finding) => checkedRules.has(finding.rule));
  const missing: string[] = [];
  for (const expectation of expectations) {
    const index = unmatched.findIndex(
      (finding) =>
        finding.rule === expectation.rule &&
        finding.line === expectation.line &&
        (expectation.column === null || finding.column === expectation.column) &&
        (expectation.messageIncludes === null || finding.message.includes(expectation.messageIncludes)),
    );
    if (index === -1) missing.push(describeExpectation(expectation));
    else unmatched.splice(index, 1);
  }
  return { missing, unexpected: unmatched.map(describeFinding) };
}

export interface RuleFixtures {
  rule: string;
  /** Absolute paths of `bad/*.spec` (without the `.fixed.spec` files). */
  bad: string[];
  good: string[];
  /** `bad/<name>.spec` → `bad/<name>.fixed.spec`, for the bad fixtures that have one. */
  fixed: Map<string, string>;
}

const FIXED_SUFFIX = ".fixed.spec";

function specsIn(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith(".spec"))
    .sort()
    .map((name) => path.join(directory, name));
}

/** The fixture folders `specs-corpus/<rule>/`; folders starting with `_` hold other specs. */
export function ruleFixtureFolders(): string[] {
  return readdirSync(fixturesRoot)
    .filter((name) => !name.startsWith("_") && !name.startsWith(".") && statSync(path.join(fixturesRoot, name)).isDirectory())
    .sort();
}

export function fixturesOf(rule: string): RuleFixtures {
  const folder = path.join(fixturesRoot, rule);
  const badAll = specsIn(path.join(folder, "bad"));
  const bad = badAll.filter((file) => !file.endsWith(FIXED_SUFFIX));
  const fixed = new Map<string, string>();
  for (const file of badAll.filter((candidate) => candidate.endsWith(FIXED_SUFFIX))) {
    fixed.set(file.slice(0, -FIXED_SUFFIX.length) + ".spec", file);
  }
  return { rule, bad, good: specsIn(path.join(folder, "good")), fixed };
}

/** The sections every rule page has, in this order (ruff's layout). */
export const DOC_SECTIONS = ["What it does", "Why", "Example", "Fix safety", "Options", "References"] as const;

export interface DocExample {
  kind: "incorrect" | "correct";
  code: string;
  options: TestOptions;
  /** 1-based line of the opening fence in the page. */
  line: number;
}

export interface RuleDoc {
  title: string | null;
  /** The `## ` headings in order. */
  sections: string[];
  examples: DocExample[];
  problems: string[];
}

/**
 * Reads a rule page: its `# title`, `## ` sections, and the ```` ```spec incorrect ```` /
 * ```` ```spec correct ```` blocks (optionally followed by test options such as `target=epel-9`).
 */
export function readRuleDoc(markdown: string): RuleDoc {
  const doc: RuleDoc = { title: null, sections: [], examples: [], problems: [] };
  const lines = markdown.split(/\r?\n/);
  let fence: { info: string[]; line: number; body: string[] } | null = null;
  lines.forEach((line, index) => {
    if (fence !== null) {
      if (line.startsWith("```")) {
        const [language, kind, ...optionWords] = fence.info;
        if (language === "spec" && (kind === "incorrect" || kind === "correct")) {
          try {
            const options = parseTestOptions(optionWords);
            doc.examples.push({ kind, code: fence.body.join("\n") + "\n", options, line: fence.line });
          } catch (error) {
            doc.problems.push(`line ${fence.line}: ${(error as Error).message}`);
          }
        } else if (language === "spec") {
          doc.problems.push(`line ${fence.line}: a spec block must be marked \`spec incorrect\` or \`spec correct\``);
        }
        fence = null;
      } else {
        fence.body.push(line);
      }
      return;
    }
    if (line.startsWith("```")) fence = { info: line.slice(3).trim().split(/\s+/).filter(Boolean), line: index + 1, body: [] };
    else if (line.startsWith("# ") && doc.title === null) doc.title = line.slice(2).trim();
    else if (line.startsWith("## ")) doc.sections.push(line.slice(3).trim());
  });
  if (fence !== null) doc.problems.push(`line ${(fence as { line: number }).line}: unclosed code block`);
  return doc;
}
