/**
 * What a resolved dependency name says about Python: which interpreter it names (`python3`,
 * `python3.12`, `python2`, unversioned `python`), and whether it is the interpreter itself, a
 * package for it (`python3-foo`), a machine-readable name (`python3dist(foo)`) or `python(abi)`.
 *
 * The name lists at the end are data: the binary packages whose unversioned `python-` names are
 * correct, and the interpreter's own subpackages, which no Python metadata can require.
 */
import { scanMacroUses } from "../parser/macros.js";
import type { Evaluation } from "./types.js";

export type PythonNameForm =
  /** `python3`, `python3.12`, `python2`, `python`: the interpreter itself. */
  | "interpreter"
  /** `python3-foo`, `python3.12-foo`, `python-foo`: a package named for an interpreter. */
  | "package"
  /** `python3dist(foo)`, `python3.12dist(foo)`: a machine-readable distribution name. */
  | "dist"
  /** `python(abi)`. */
  | "abi";

export interface PythonDependencyName {
  form: PythonNameForm;
  /**
   * The interpreter version of the prefix, dotted: `3`, `3.12`, `2`, `2.7` (`python38-foo` and
   * `python311` are read as 3.8 and 3.11); null for the unversioned `python` prefix and `python(abi)`.
   */
  version: string | null;
  /** The package name after the prefix's `-`, or the distribution name inside `dist(…)`; `` otherwise. */
  rest: string;
}

const PYTHON_NAME = /^python(?:(\d+(?:\.\d+)?))?(?:-(.+)|dist\((.*)\))?$/s;

/** Reads a (resolved) dependency name; null when it does not name a Python interpreter or package. */
export function parsePythonDependencyName(name: string): PythonDependencyName | null {
  if (name === "python(abi)") return { form: "abi", version: null, rest: "" };
  const match = PYTHON_NAME.exec(name);
  if (match === null) return null;
  const [, digits, packageName, distName] = match;
  const version = digits === undefined ? null : dottedVersion(digits);
  if (packageName !== undefined) return { form: "package", version, rest: packageName };
  if (distName !== undefined) {
    // `pythondist(…)` is no name the generators use.
    return version === null ? null : { form: "dist", version, rest: distName };
  }
  return { form: "interpreter", version, rest: "" };
}

/** `38` → `3.8`, `311` → `3.11`, `27` → `2.7`; dotted and one-digit versions stay as they are. */
function dottedVersion(digits: string): string {
  if (digits.includes(".") || digits.length === 1) return digits;
  return `${digits[0]}.${digits.slice(1)}`;
}

/**
 * `version` is the spec's own Python 3 at `offset`: `3`, the target's `%{python3_version}`, or
 * `%{python3_pkgversion}` when the spec (or the target) sets it to a minor version. Only a version
 * that is neither of the first two needs the macro expanded.
 */
export function isCurrentPythonVersion(evaluation: Evaluation, version: string, offset: number): boolean {
  if (version === "3" || version === evaluation.target.python3Version) return true;
  const pkgversion = evaluation.expand("%{python3_pkgversion}", offset).value?.trim();
  return pkgversion !== undefined && /^\d+(?:\.\d+)?$/.test(pkgversion) && dottedVersion(pkgversion) === version;
}

/**
 * The spec is the interpreter's own (`python3`, `python3.14`): it installs the interpreter's
 * paths and names its version everywhere.
 */
export function isInterpreterSpec(evaluation: Evaluation): boolean {
  return /^python3(?:\.\d+)?$/.test(evaluation.packages[0]?.name ?? "");
}

/**
 * Macros that name the interpreter and its directories (`%{python3}`, `%{python3_sitelib}`…): a
 * spec that builds for another interpreter, or the interpreter's own spec, defines them as
 * paths and versions, which is what they are for.
 */
export const INTERPRETER_LOCATION_MACROS: ReadonlySet<string> = new Set([
  "__python",
  "__python3",
  "python",
  "python3",
  "python_sitelib",
  "python_sitearch",
  "python3_sitelib",
  "python3_sitearch",
]);

/**
 * Binary packages whose unversioned `python-` names are right: they belong to no single Python
 * version (RPM macros, wheels for virtual environments, shared directories), so there is no
 * `python3-` package to require instead. Entries are names or `*` patterns.
 */
export const UNVERSIONED_PYTHON_PACKAGES: readonly string[] = [
  "python-rpm-macros",
  "python-srpm-macros",
  "python-rpm-generators",
  "python-unversioned-command",
  "python-jupyter-filesystem",
  "python-setuptools-wheel",
  "python-pip-wheel",
  "python-wheel-wheel",
  "python-*-wheel",
  // Documentation subpackages of `python-` source packages (`%package doc` of python-sphinx).
  "python-*-doc",
  "python-*-docs",
];

/**
 * Subpackages of the Python interpreter itself: parts of the standard library or of the
 * interpreter that no distribution's metadata can declare, so the run-time generator never
 * produces them.
 */
export const INTERPRETER_SUBPACKAGES: readonly string[] = [
  "python3-libs",
  "python3-devel",
  "python3-tkinter",
  "python3-idle",
  "python3-test",
  "python3-debug",
];

/** Macros whose value follows the interpreter's version (`python%{python3_version}dist(foo)`). */
const INTERPRETER_VERSION_MACROS: ReadonlySet<string> = new Set([
  "python3_version",
  "python3_version_nodots",
  "python3_pkgversion",
  "python3_other_pkgversion",
  "__default_python3_version",
  "__default_python3_pkgversion",
]);

/**
 * `text` takes the Python version from the interpreter's macros, directly or through macros the
 * spec defines (`%global pyver %{python3_version}`), instead of writing it as a literal.
 */
export function followsInterpreterVersion(evaluation: Evaluation, text: string, offset: number, depth = 0): boolean {
  if (depth > 8) return false;
  for (const use of scanMacroUses(text)) {
    if (INTERPRETER_VERSION_MACROS.has(use.name)) return true;
    const definition = evaluation.definitionAt(use.name, offset);
    if (definition?.body != null && definition.start !== null && followsInterpreterVersion(evaluation, definition.body, offset, depth + 1)) {
      return true;
    }
  }
  return false;
}

const patternCache = new Map<readonly string[], RegExp>();

/** `name` is one of `list`'s names or matches one of its `*` patterns. */
export function matchesNameList(list: readonly string[], name: string): boolean {
  let pattern = patternCache.get(list);
  if (pattern === undefined) {
    const alternatives = list.map((entry) => entry.split("*").map(escapeRegExp).join(".+"));
    pattern = new RegExp(`^(?:${alternatives.join("|")})$`);
    patternCache.set(list, pattern);
  }
  return pattern.test(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
