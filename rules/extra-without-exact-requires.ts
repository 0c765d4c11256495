import { defineRule, insertLineAfter, pythonGuideline, replaceSpan, tagLineLike } from "../src/engine/index.js";
import { parseDependencies } from "../src/parser/dependencies.js";
import { scanMacroUses } from "../src/parser/macros.js";
import { handWrittenExtras, type HandWrittenExtras } from "../src/evaluation/python-extras.js";
import type { Evaluation } from "../src/evaluation/types.js";
import type { Dependency, SimpleDependency, Span, TagLine } from "../src/tree/nodes.js";

/** The exact EVR of the spec's own build, correct with and without an `Epoch:`. */
const EXACT_EVR = "%{?epoch:%{epoch}:}%{version}-%{release}";

/** Symbols that stand for `%{version}`, `%{release}`, `%{epoch}` in a structural comparison. */
const VERSION = "\u0001V";
const RELEASE = "\u0001R";
const EPOCH = "\u0001E";
const IF_EPOCH = "\u0001?E";

/**
 * The EVR text with `%{version}`, `%{release}`, `%{epoch}` and `%{?epoch:…}` turned into symbols
 * and other macros replaced by their definitions (`%{evr}`); null when a macro cannot be known.
 */
function symbolic(evaluation: Evaluation, text: string, offset: number, depth = 0): string | null {
  if (depth > 8) return null;
  let result = "";
  let at = 0;
  const uses = scanMacroUses(text);
  for (const use of uses) {
    if (use.start < at) continue;
    result += text.slice(at, use.start);
    at = use.end;
    if (use.form !== "plain" && use.form !== "braced") return null;
    if (use.name === "epoch" && use.conditional && !use.negated && use.argument !== null) {
      const inner = symbolic(evaluation, use.argument.text, offset, depth + 1);
      if (inner === null) return null;
      result += `${IF_EPOCH}{${inner}}`;
      continue;
    }
    if (use.argument !== null) return null;
    if (use.name === "version") result += VERSION;
    else if (use.name === "release") result += RELEASE;
    else if (use.name === "epoch") result += EPOCH;
    else {
      const definition = evaluation.definitionAt(use.name, offset);
      if (definition === undefined && use.conditional) continue;
      if (definition === null || definition === undefined || definition.body === null || definition.parameters !== null) {
        return null;
      }
      const body = symbolic(evaluation, definition.body.trim(), offset, depth + 1);
      if (body === null) return null;
      result += body;
    }
  }
  return result + text.slice(at);
}

/** Whether `Requires: base OP version` pins the base package to this build's exact EVR. */
function isExact(evaluation: Evaluation, dependency: SimpleDependency, hasEpoch: boolean, offset: number): boolean {
  const operator = dependency.operator?.text;
  if ((operator !== "=" && operator !== "==") || dependency.version === null) return false;
  const written = symbolic(evaluation, dependency.version.text, offset);
  if (written === `${IF_EPOCH}{${EPOCH}:}${VERSION}-${RELEASE}`) return true;
  if (written === `${EPOCH}:${VERSION}-${RELEASE}` && hasEpoch) return true;
  if (written === `${VERSION}-${RELEASE}` && !hasEpoch) return true;
  const expected = evaluation.expand(EXACT_EVR, offset).value;
  const actual = evaluation.expand(dependency.version.text, offset).value;
  if (expected === null || actual === null) return written === null;
  return expected.replace(/^0:/, "") === actual.replace(/^0:/, "");
}

/** The dependency's name without a trailing `%{?_isa}`/`%{_isa}`. */
function nameWithoutIsa(name: Span): Span {
  const uses = scanMacroUses(name.text);
  const last = uses[uses.length - 1];
  if (last === undefined || last.name !== "_isa" || last.end !== name.text.length) return name;
  return { start: name.start, end: name.start + last.start, text: name.text.slice(0, last.start) };
}

/** Every dependency of `list`, rich ones flattened to their operands. */
function flatten(list: readonly Dependency[]): Dependency[] {
  return list.flatMap((dependency) => (dependency.kind === "rich" ? [dependency, ...flatten(dependency.operands)] : [dependency]));
}

interface BaseRequirement {
  tag: TagLine;
  dependency: SimpleDependency;
  /** Inside a rich dependency: left alone, as its meaning depends on the other operands. */
  rich: boolean;
}

function requirementsOnBase(evaluation: Evaluation, extras: HandWrittenExtras): BaseRequirement[] {
  const found: BaseRequirement[] = [];
  for (const tag of extras.contents.package.tags) {
    if (tag.name !== "requires" || tag.qualifiers !== null || evaluation.livenessAt(tag.start) === "dead") continue;
    const { dependencies } = parseDependencies(tag.value.text, tag.value.start, { tag: "requires" });
    const topLevel = new Set(dependencies);
    for (const dependency of flatten(dependencies)) {
      if (dependency.kind !== "simple") continue;
      const name = nameWithoutIsa(dependency.name);
      if (evaluation.expand(name.text, tag.start).value !== extras.baseName) continue;
      found.push({ tag, dependency, rich: !topLevel.has(dependency) });
    }
  }
  return found;
}

/** How to write the base package's name in an inserted `Requires:`, macros kept as written. */
function writtenBaseName(evaluation: Evaluation, extras: HandWrittenExtras): string {
  const header = extras.contents.package.header;
  const offset = header?.start ?? 0;
  const written = header?.subpackage?.text;
  if (header !== null && written !== undefined) {
    const full = header.fullName ? written : `%{name}-${written}`;
    const plus = full.lastIndexOf("+");
    if (plus > 0 && evaluation.expand(full.slice(0, plus), offset).value === extras.baseName) return full.slice(0, plus);
  }
  const base = extras.base.package;
  if (base.header === null) return "%{name}";
  const baseWritten = base.header.subpackage?.text;
  if (baseWritten !== undefined) {
    const full = base.header.fullName ? baseWritten : `%{name}-${baseWritten}`;
    if (evaluation.expand(full, offset).value === extras.baseName) return full;
  }
  return extras.baseName;
}

export default defineRule({
  meta: {
    name: "extra-without-exact-requires",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_handling_extras"),
    description: "A hand-written extras subpackage that does not require its base package at the exact version-release.",
    messages: {
      missing:
        "Extras subpackage {{name}} does not require its base package {{base}}; add `Requires: {{base}} = %{?epoch:%{epoch}:}%{version}-%{release}`",
      notExact:
        "Extras subpackage {{name}} requires {{base}} as `{{written}}`, not at the exact version-release; use `= %{?epoch:%{epoch}:}%{version}-%{release}`",
      epochMissing:
        "Extras subpackage {{name}} requires {{base}} as `{{written}}`, which leaves out the spec's Epoch; use `= %{?epoch:%{epoch}:}%{version}-%{release}`",
    },
    fix: "safe",
  },
  create(context) {
    const { evaluation, tree } = context;
    return {
      endOfFile() {
        const main = evaluation.packages[0];
        const hasEpoch = main?.tags.some((tag) => tag.name === "epoch" && evaluation.livenessAt(tag.start) !== "dead") ?? false;
        for (const extras of handWrittenExtras(evaluation)) {
          const header = extras.contents.package.header;
          const where = header?.subpackage;
          if (header === null || where === undefined || where === null) continue;
          const requirements = requirementsOnBase(evaluation, extras);
          if (requirements.some((requirement) => requirement.rich)) continue;
          const offset = header.start;
          if (requirements.some((requirement) => isExact(evaluation, requirement.dependency, hasEpoch, offset))) continue;
          const data = { name: extras.name, base: extras.baseName };
          const first = requirements[0];
          if (first === undefined) {
            const tags = extras.contents.package.tags.filter((tag) => evaluation.livenessAt(tag.start) !== "dead");
            // Insert among the tags that are as unconditional as the %package line itself.
            const unconditional = tags.filter(
              (tag) => tag.branch === null || (tag.branch.start <= header.start && header.start < tag.branch.end),
            );
            const requires = unconditional.filter((tag) => tag.name === "requires");
            const after = requires[requires.length - 1] ?? unconditional[unconditional.length - 1];
            const reference = tags.find((tag) => tag.name === "summary") ?? after;
            const fix =
              after === undefined || reference === undefined
                ? undefined
                : {
                    title: `Add Requires: ${writtenBaseName(evaluation, extras)} = ${EXACT_EVR}`,
                    edits: [
                      insertLineAfter(
                        tree,
                        after,
                        tagLineLike(tree, reference, "Requires", `${writtenBaseName(evaluation, extras)} = ${EXACT_EVR}`),
                      ),
                    ],
                  };
            context.report({ messageId: "missing", data, start: where.start, end: where.end, ...(fix && { fix }) });
            continue;
          }
          const { dependency } = first;
          const name = nameWithoutIsa(dependency.name);
          const written = tree.text.slice(dependency.start, dependency.end);
          const symbol = dependency.version === null ? null : symbolic(evaluation, dependency.version.text, offset);
          const operator = dependency.operator?.text;
          const dropsEpoch = hasEpoch && symbol === `${VERSION}-${RELEASE}` && (operator === "=" || operator === "==");
          context.report({
            messageId: dropsEpoch ? "epochMissing" : "notExact",
            data: { ...data, written },
            start: dependency.start,
            end: dependency.end,
            conditionAt: where.start,
            fix: {
              title: `Require ${name.text} = ${EXACT_EVR}`,
              edits: [replaceSpan({ start: dependency.name.end, end: dependency.end }, ` = ${EXACT_EVR}`)],
            },
          });
        }
      },
    };
  },
});
