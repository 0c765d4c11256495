import { createRequire } from "node:module";
import { defineRule, PACKAGING_GUIDELINES_URL } from "../src/engine/index.js";

/*
 * The SPDX License List and the expression grammar come from the jslicense packages, which follow
 * each SPDX release: `spdx-license-ids` (current and deprecated identifiers), `spdx-exceptions`,
 * and `spdx-expression-parse` (the grammar with its precedence rules). They are CommonJS with JSON
 * data, hence `require`.
 */
const require = createRequire(import.meta.url);
const parseSpdxExpression = require("spdx-expression-parse") as (source: string) => unknown;
const CURRENT_IDS = require("spdx-license-ids") as string[];
const DEPRECATED_IDS = require("spdx-license-ids/deprecated.json") as string[];
const EXCEPTION_IDS = require("spdx-exceptions") as string[];

/** SPDX matches identifiers without regard to case: the key is the lower-case spelling. */
function byLowerCase(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id.toLowerCase(), id]));
}
const LICENSES = byLowerCase(CURRENT_IDS);
const DEPRECATED = byLowerCase(DEPRECATED_IDS);
const EXCEPTIONS = byLowerCase(EXCEPTION_IDS);

/** What a deprecated GNU identifier became: `GPL-2.0` → `-only`, with `+` → `-or-later`. */
function replacementOf(id: string, plus: boolean): string | null {
  if (!/^(?:A|L)?GPL-\d\.\d$|^GFDL-\d\.\d$/.test(id)) return null;
  return `${id}${plus ? "-or-later" : "-only"}`;
}

/**
 * Fedora's pre-2022 short names that map to exactly one SPDX expression, to make the message
 * useful for the specs still being converted. Ambiguous ones (`BSD`, `LGPLv2+`…) are left out.
 */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map([
  ["asl 2.0", "Apache-2.0"],
  ["asl 1.1", "Apache-1.1"],
  ["gplv2", "GPL-2.0-only"],
  ["gplv2+", "GPL-2.0-or-later"],
  ["gplv3", "GPL-3.0-only"],
  ["gplv3+", "GPL-3.0-or-later"],
  ["lgplv3", "LGPL-3.0-only"],
  ["lgplv3+", "LGPL-3.0-or-later"],
  ["agplv3", "AGPL-3.0-only"],
  ["agplv3+", "AGPL-3.0-or-later"],
  ["mplv2.0", "MPL-2.0"],
  ["mplv1.1", "MPL-1.1"],
  ["public domain", "LicenseRef-Fedora-Public-Domain"],
  ["boost", "BSL-1.0"],
]);

interface Token {
  text: string;
  /** Offset in the checked expression. */
  start: number;
}

/** Words and parentheses; SPDX separates the rest with white space. */
function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const character = expression[index]!;
    if (/\s/.test(character)) {
      index += 1;
    } else if (character === "(" || character === ")") {
      tokens.push({ text: character, start: index });
      index += 1;
    } else {
      const start = index;
      while (index < expression.length && !/[\s()]/.test(expression[index]!)) index += 1;
      tokens.push({ text: expression.slice(start, index), start });
    }
  }
  return tokens;
}

const OPERATORS: ReadonlySet<string> = new Set(["AND", "OR", "WITH", "and", "or", "with"]);
const IDSTRING = /^[A-Za-z0-9.-]+$/;
/** The exception id the grammar check reads for an `AdditionRef-` (SPDX 3) or an exception newer than the list. */
const EXCEPTION_STAND_IN = EXCEPTION_IDS[0] ?? "Classpath-exception-2.0";

type Problem =
  | { kind: "unknown"; token: Token; legacy: string | null }
  | { kind: "exception"; token: Token }
  | { kind: "deprecated"; token: Token; replacement: string | null }
  | { kind: "grammar"; reason: string };

/** The spelling the grammar check reads a word as; null when the word is no SPDX token. */
function canonicalWord(word: string, deprecated: string[]): string | null {
  if (OPERATORS.has(word)) return word.toUpperCase();
  // Fedora's own references keep the `+` of the old names: `LicenseRef-Callaway-LGPLv2+`.
  const reference = /^LicenseRef-([A-Za-z0-9.-]+)\+?$/i.exec(word);
  if (reference !== null) return `LicenseRef-${reference[1]}`;
  if (/^AdditionRef-/i.test(word)) return IDSTRING.test(word.slice("AdditionRef-".length)) ? EXCEPTION_STAND_IN : null;
  const documentRef = /^DocumentRef-([A-Za-z0-9.-]+):LicenseRef-([A-Za-z0-9.-]+)$/i.exec(word);
  if (documentRef !== null) return `DocumentRef-${documentRef[1]}:LicenseRef-${documentRef[2]}`;
  const plus = word.endsWith("+");
  const id = plus ? word.slice(0, -1) : word;
  const key = id.toLowerCase();
  const license = LICENSES.get(key);
  if (license !== undefined) return license + (plus ? "+" : "");
  const old = DEPRECATED.get(key);
  if (old !== undefined) {
    deprecated.push(old);
    return old + (plus ? "+" : "");
  }
  const exception = EXCEPTIONS.get(key);
  if (exception !== undefined && !plus) return exception;
  return null;
}

function grammarReason(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if (message.includes("WITH")) return "`WITH` must be followed by a license exception";
  if (message.includes("`)`")) return "a parenthesis is not closed";
  return "its identifiers must be joined by `AND`, `OR` or `WITH`, with balanced parentheses";
}

/** The legacy Fedora names that the value is made of, with their SPDX spelling. */
function legacyHint(value: string): string | null {
  const parts = value
    // Both expressions match only from the start of a run (of blanks, of parentheses): otherwise
    // a long run is scanned again from each of its characters (quadratic).
    .split(/(?<!\s)\s+(?:and|or)\s+/i)
    .map((part) => part.replace(/^\(+|(?<!\))\)+$/g, "").trim().toLowerCase());
  const known = parts.flatMap((part) => {
    const spdx = LEGACY_NAMES.get(part);
    return spdx === undefined ? [] : [`\`${part}\` is \`${spdx}\``];
  });
  return known.length === 0 ? null : known.join(", ");
}

/** The first problem of a License value, or null when it is a valid SPDX expression. */
function checkExpression(value: string): Problem | null {
  const tokens = tokenize(value);
  if (tokens.length === 0) return { kind: "grammar", reason: "it is empty" };
  const canonical: string[] = [];
  for (const token of tokens) {
    if (token.text === "(" || token.text === ")") {
      canonical.push(token.text);
      continue;
    }
    const deprecated: string[] = [];
    let spelled = canonicalWord(token.text, deprecated);
    // spdx-exceptions trails the SPDX list: an exception id it does not know yet is taken on trust.
    if (spelled === null && canonical[canonical.length - 1] === "WITH" && IDSTRING.test(token.text) && /exception/i.test(token.text)) {
      spelled = EXCEPTION_STAND_IN;
    }
    if (spelled === null) return { kind: "unknown", token, legacy: legacyHint(value) };
    if (EXCEPTIONS.get(spelled.toLowerCase()) === spelled && canonical[canonical.length - 1] !== "WITH") return { kind: "exception", token };
    const old = deprecated[0];
    if (old !== undefined) return { kind: "deprecated", token, replacement: replacementOf(old, token.text.endsWith("+")) };
    canonical.push(spelled);
  }
  try {
    parseSpdxExpression(canonical.join(" "));
  } catch (error) {
    return { kind: "grammar", reason: grammarReason(error) };
  }
  return null;
}

/**
 * The checks of License values already seen: most specs write one of a few hundred values
 * (`MIT`, `Apache-2.0`), and the grammar check of spdx-expression-parse is costly. The cache
 * holds short values only, and starts afresh when full, so its memory stays small. It outlives
 * the spec a value comes from, so it holds a copy: V8 keeps a value of 13 characters or more as
 * a slice of the spec text, which would keep the whole text of up to a thousand specs alive.
 */
const checkedValues = new Map<string, Problem | null>();
const CHECKED_VALUES_LIMIT = 1000;
const CHECKED_VALUE_MAX_LENGTH = 200;

function checkValue(value: string): Problem | null {
  if (value.length > CHECKED_VALUE_MAX_LENGTH) return checkExpression(value);
  const known = checkedValues.get(value);
  if (known !== undefined) return known;
  // The problem's tokens are slices of the value it checked, so it checks the copy too.
  const ownValue = structuredClone(value);
  const problem = checkExpression(ownValue);
  if (checkedValues.size >= CHECKED_VALUES_LIMIT) checkedValues.clear();
  checkedValues.set(ownValue, problem);
  return problem;
}

export default defineRule({
  meta: {
    name: "license-not-spdx",
    severity: "error",
    type: "problem",
    guideline: `${PACKAGING_GUIDELINES_URL}LicensingGuidelines/#_valid_license_short_names`,
    description: "`License:` is not a valid SPDX license expression.",
    messages: {
      unknown: "`{{tag}}: {{value}}` is not an SPDX expression: `{{word}}` is not an SPDX license identifier{{hint}}",
      deprecated: "`{{tag}}: {{value}}` uses the deprecated SPDX identifier `{{word}}`{{hint}}",
      grammar: "`{{tag}}: {{value}}` is not a valid SPDX expression: {{reason}}",
      exception: "`{{tag}}: {{value}}` is not a valid SPDX expression: `{{word}}` is a license exception, which only follows `LICENSE WITH`",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    return {
      tagLine(line, section) {
        if (line.name !== "license" && line.name !== "sourcelicense") return;
        if (section.kind !== "preamble" && section.kind !== "package") return;
        const written = line.value;
        let value = written.text;
        const expanded = value.includes("%");
        if (expanded) {
          const expansion = evaluation.expand(value, line.start).value;
          // Not known statically, or a macro left as written that rpm's build root may define.
          if (expansion === null || expansion.includes("%")) return;
          value = expansion.trim();
        }
        const problem = checkValue(value);
        if (problem === null) return;
        const data = { tag: line.tag.text, value };
        const wordRange = (token: Token): { start: number; end: number } =>
          expanded ? written : { start: written.start + token.start, end: written.start + token.start + token.text.length };
        switch (problem.kind) {
          case "unknown":
            context.report({
              messageId: "unknown",
              data: { ...data, word: problem.token.text, hint: problem.legacy === null ? "" : ` (in SPDX, ${problem.legacy})` },
              ...wordRange(problem.token),
            });
            break;
          case "deprecated":
            context.report({
              messageId: "deprecated",
              data: { ...data, word: problem.token.text, hint: problem.replacement === null ? "" : `; use \`${problem.replacement}\`` },
              ...wordRange(problem.token),
            });
            break;
          case "exception":
            context.report({ messageId: "exception", data: { ...data, word: problem.token.text }, ...wordRange(problem.token) });
            break;
          case "grammar":
            context.report({
              messageId: "grammar",
              data: { ...data, reason: problem.reason },
              ...(written.text === "" ? line.tag : written),
            });
            break;
        }
      },
    };
  },
});
