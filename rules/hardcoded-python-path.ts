import { defineRule, expandedTextVisitor, pythonGuideline } from "../src/engine/index.js";
import { expandMapped, writtenRange, type MappedExpansion } from "../src/evaluation/expanded-text.js";
import { INTERPRETER_LOCATION_MACROS, isInterpreterSpec } from "../src/evaluation/python-dependencies.js";
import { usesPython } from "../src/evaluation/python-usage.js";
import { searchedTextOffsets } from "../src/evaluation/shell-scripts.js";
import type { Evaluation } from "../src/evaluation/types.js";
import { UNKNOWN_MARK } from "../src/parser/expression.js";
import { scanMacroUses } from "../src/parser/macros.js";
import { SCRIPT_SECTIONS } from "../src/parser/section-header.js";

/** The main interpreter: `/usr/bin/python3`, `/bin/python3`, with an optional `.N` version. */
const INTERPRETER = /\/(?:usr\/)?bin\/python3(\.(?:\d+|\*))?(?![\w.+-])/g;
/** The site-packages directory of a Python 3 version (a glob for the version too). */
const SITE_PACKAGES = /\/usr\/(lib64|lib)\/python3(?:\.\d+|\.?\*)\/site-packages(?![\w.-])/g;
/** The library directory of a Python 3 version, outside site-packages. */
const LIBRARY_DIRECTORY = /\/usr\/(lib64|lib)\/python3\.\d+(?![\w.*-])(?!\/site-packages)/g;

/** What a spec wrote and the macro the guideline asks for. */
interface HardcodedPath {
  /** Range of the expanded line text. */
  valueStart: number;
  valueEnd: number;
  replacement: string;
  /** What the path is, for the message. */
  what: string;
  /** The version is written as a literal (`python3.12`): hardcoded-python-version reports it. */
  literalVersion: boolean;
}

/** The range `[start, end)` of the expanded value comes from literal text only (no macro). */
function isLiteral(mapped: MappedExpansion, start: number, end: number): boolean {
  return mapped.pieces.every((piece) => piece.valueEnd <= start || piece.valueStart >= end || !piece.macro);
}

function findPaths(mapped: MappedExpansion): HardcodedPath[] {
  const found: HardcodedPath[] = [];
  const value = mapped.value;
  // Each pattern's matches hold a fixed text, which most values lack: a substring test costs less
  // than a search with the pattern.
  if (value.includes("bin/python3")) findInterpreters(mapped, found);
  if (value.includes("/site-packages")) findSitePackages(value, found);
  if (value.includes("/python3.")) findLibraryDirectories(value, found);
  return found;
}

function findInterpreters(mapped: MappedExpansion, found: HardcodedPath[]): void {
  const value = mapped.value;
  for (const match of value.matchAll(INTERPRETER)) {
    const start = match.index;
    const end = start + match[0].length;
    const version = match[1];
    const versionStart = end - (version?.length ?? 0);
    // `#!/usr/bin/python3` is a shebang, which python-shebang-not-macro looks after.
    if (/#!\s*$/.test(value.slice(Math.max(0, start - 4), start))) continue;
    found.push({
      valueStart: start,
      valueEnd: end,
      replacement: "%{python3}",
      what: "the Python 3 interpreter",
      literalVersion: version !== undefined && !version.includes("*") && isLiteral(mapped, versionStart, end),
    });
  }
}

function findSitePackages(value: string, found: HardcodedPath[]): void {
  for (const match of value.matchAll(SITE_PACKAGES)) {
    found.push({
      valueStart: match.index,
      valueEnd: match.index + match[0].length,
      replacement: match[1] === "lib64" ? "%{python3_sitearch}" : "%{python3_sitelib}",
      what: "site-packages",
      literalVersion: false,
    });
  }
}

function findLibraryDirectories(value: string, found: HardcodedPath[]): void {
  for (const match of value.matchAll(LIBRARY_DIRECTORY)) {
    found.push({
      valueStart: match.index,
      valueEnd: match.index + match[0].length,
      replacement: match[1] === "lib64" ? "%{_libdir}/python%{python3_version}" : "%{_prefix}/lib/python%{python3_version}",
      what: "the Python library directory",
      literalVersion: false,
    });
  }
}

/**
 * The written range uses a macro the spec defines, whose value may differ in another build
 * (`%global pkg_prefix` set per bcond): rewriting it is not sure to keep the meaning.
 */
function usesSpecMacros(evaluation: Evaluation, mapped: MappedExpansion, start: number, end: number): boolean {
  const text = evaluation.tree.text;
  return mapped.pieces.some((piece) => {
    if (!piece.macro || piece.end <= start || piece.start >= end) return false;
    return scanMacroUses(text, piece.start, piece.end).some((use) => evaluation.definitionAt(use.name, use.start)?.start != null);
  });
}

export default defineRule({
  meta: {
    name: "hardcoded-python-path",
    severity: "error",
    type: "problem",
    guideline: pythonGuideline("_mandatory_macros"),
    description: "A hard-coded interpreter or site-packages path (`/usr/bin/python3`, `/usr/lib/python3.N/site-packages`) where the Python macros apply.",
    messages: {
      hardcoded: "`{{written}}` hard-codes the path of {{what}}; use `{{replacement}}`",
    },
    fix: "safe",
  },
  create(context) {
    const { tree, evaluation } = context;
    if (!usesPython(evaluation)) return {};
    if (isInterpreterSpec(evaluation)) return {};

    const check = (start: number, end: number): void => {
      const raw = tree.text.slice(start, end);
      if (!raw.includes("python") && !raw.includes("site-packages")) return;
      const mapped = expandMapped(evaluation, start, end);
      for (const path of findPaths(mapped)) {
        if (path.literalVersion) continue;
        const written = writtenRange(mapped, path.valueStart, path.valueEnd);
        if (written.withinOneMacro || !written.exact) continue;
        if (searchedTextOffsets(evaluation).has(written.start)) continue;
        const matched = mapped.value.slice(path.valueStart, path.valueEnd);
        const replacementValue = evaluation.expand(path.replacement, written.start).value;
        const safe = replacementValue === matched && !matched.includes(UNKNOWN_MARK) && !usesSpecMacros(evaluation, mapped, written.start, written.end);
        context.report({
          messageId: "hardcoded",
          data: {
            written: tree.text.slice(written.start, written.end),
            what: path.what,
            replacement: path.replacement,
          },
          start: written.start,
          end: written.end,
          fix: {
            title: `Use ${path.replacement}`,
            edits: [{ start: written.start, end: written.end, text: path.replacement }],
            ...(!safe && { applicability: "unsafe" as const }),
          },
        });
      }
    };

    return expandedTextVisitor({ sections: SCRIPT_SECTIONS, skippedDefinitions: INTERPRETER_LOCATION_MACROS }, check);
  },
});
