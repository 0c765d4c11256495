/**
 * What a spec ships for Python, package by package: the scope questions of the rule catalog
 * ("does it ship an importable library?", "is this package an application?") answered once from
 * the tree and the evaluation model, so that every rule applies the same definitions.
 *
 * Paths are classified after static macro expansion for the target; when a path does not expand
 * (a macro with no static value) the macro it starts with still tells where it points.
 */
import { parseFilesLine } from "../parser/files-line.js";
import { scanMacroUses } from "../parser/macros.js";
import type { FilesLine, Section, Span } from "../tree/nodes.js";
import { oncePerEvaluation } from "./memo.js";
import type { Evaluation, PackageModel } from "./types.js";

/** Macros whose value is a Python 3 site-packages directory of the main interpreter. */
const SITE_PACKAGES_MACROS: ReadonlySet<string> = new Set([
  "python3_sitelib",
  "python3_sitearch",
  "python_sitelib",
  "python_sitearch",
  "python3_other_sitelib",
  "python3_other_sitearch",
]);

/** `_bindir`, `_sbindir` and the toolkits' copies of them (`_kf6_bindir`, `_qt5_bindir`). */
const EXECUTABLE_DIR_MACRO = /^_(?:\w+_)?s?bindir$/;

/** `/usr/lib/python3.14/site-packages`, `/usr/lib64/python3*\/site-packages` (globs allowed). */
const SITE_PACKAGES_PATH = /^\/usr\/lib(?:64)?\/python3[^/]*\/site-packages(?=\/|$)/;
const EXECUTABLE_PATH = /^\/(?:usr\/)?s?bin\//;
/** A distribution's metadata directory (or its glob) directly in site-packages. */
const METADATA_NAME = /\.(?:dist|egg)-info$/;

/** One `%files` path under the interpreter's site-packages directory. */
export interface SitePackagesEntry {
  line: FilesLine;
  path: Span;
  /** The path inside site-packages (`foo/`, `foo-*.dist-info`), `` for the directory itself. */
  relative: string;
  /** A `.dist-info`/`.egg-info` directory (or glob for one). */
  metadata: boolean;
  /**
   * The entry is a whole top-level item of site-packages (`foo/`, `foo.py`, `foo*.so`, `*`,
   * `foo/*`), as opposed to a file inside another distribution's package (`gi/overrides/x.py`).
   */
  topLevel: boolean;
  /** Listed with `%ghost` (declared, not shipped). */
  ghost: boolean;
  /** Listed with `%dir` (the directory only). */
  directoryOnly: boolean;
}

/** One path of a `%files` line, as rpm reads it for the target. */
export interface FilesEntry {
  line: FilesLine;
  /** The path word as written. */
  path: Span;
  /**
   * The path after expansion (one entry per path when a macro expands to several); null when
   * it cannot be expanded statically.
   */
  expanded: string | null;
  /** The directives that apply to it (`dir`, `ghost`, `exclude`, `doc`…), from the line or the expansion. */
  directives: ReadonlySet<string>;
}

/** What one binary package's `%files` sections ship, as far as Python is concerned. */
export interface PackageContents {
  package: PackageModel;
  /** The `%files` sections of the package whose header is not dead for the target. */
  filesSections: Section[];
  /** rpm builds the package: it is not dead and has a `%files` section that is not dead. */
  built: boolean;
  /** Site-packages entries of lines that are not dead (`%exclude` lines left out). */
  sitePackages: SitePackagesEntry[];
  /** A `%files -f` list of `%{pyproject_files}` (modules and metadata written by the macros). */
  pyprojectFileList: boolean;
  /** A `%files -f` list of anything else, whose content cannot be known statically. */
  opaqueFileList: boolean;
  /** Base names of the `%{_bindir}`/`%{_sbindir}` entries (`*` for a glob). */
  executables: string[];
  /** Entries that are not site-packages metadata, `%dir`, `%ghost`, `%doc` or `%license` lines. */
  shipsOtherFiles: boolean;
  /** Every path of the package's `%files` lines that are not dead, `%exclude` ones included. */
  files: FilesEntry[];
}

export interface PythonScope {
  /** One entry per package of the evaluation, in the same order. */
  readonly packages: readonly PackageContents[];
  /** The package whose resolved name is `name`, among the packages that are not dead. */
  packageNamed(name: string): PackageContents | undefined;
  /** The contents of a package of the evaluation (undefined for null or a foreign model). */
  contentsOf(model: PackageModel | null): PackageContents | undefined;
  /** Some package ships importable Python content, or the spec uses `BuildSystem: pyproject`. */
  readonly shipsLibrary: boolean;
}

const scopeOf = oncePerEvaluation((evaluation) => computeScope(evaluation));

/** The Python scope of an evaluated spec (computed once per evaluation). */
export function pythonScope(evaluation: Evaluation): PythonScope {
  return scopeOf(evaluation);
}

function computeScope(evaluation: Evaluation): PythonScope {
  const packages = evaluation.packages.map(emptyContents);
  collectFiles(evaluation, packages);
  const byName = new Map<string, PackageContents>();
  for (const contents of packages) {
    if (contents.package.name !== null && contents.package.liveness !== "dead" && !byName.has(contents.package.name)) {
      byName.set(contents.package.name, contents);
    }
  }
  const byModel = new Map(packages.map((contents) => [contents.package, contents]));
  const buildSystemPyproject = usesPyprojectBuildSystem(evaluation);
  return {
    packages,
    packageNamed: (name) => byName.get(name),
    contentsOf: (model) => (model === null ? undefined : byModel.get(model)),
    shipsLibrary: buildSystemPyproject || packages.some((contents) => contents.built && shipsImportableContent(contents)),
  };
}

/** The spec declares `BuildSystem: pyproject` in a part that is not dead. */
export function usesPyprojectBuildSystem(evaluation: Evaluation): boolean {
  return evaluation.buildSystem?.name === "pyproject";
}

/** The package ships modules (not only metadata) into site-packages, or a `%{pyproject_files}` list. */
export function shipsImportableContent(contents: PackageContents): boolean {
  return (
    contents.pyprojectFileList ||
    contents.sitePackages.some((entry) => !entry.metadata && !entry.ghost && !entry.directoryOnly)
  );
}

/**
 * The package installs a distribution of its own into site-packages: a top-level module or
 * package, its (non-ghost) metadata, or a `%{pyproject_files}` list. Files dropped into another
 * distribution's package (plugins, `gi/overrides`) are not a distribution of their own.
 */
export function shipsDistribution(contents: PackageContents): boolean {
  return (
    contents.pyprojectFileList ||
    contents.sitePackages.some((entry) => entry.topLevel && !entry.ghost && !entry.directoryOnly)
  );
}

/** A module name, possibly written as a glob: `foo`, `_foo`, `foo*`. */
const MODULE_NAME = /^[A-Za-z_*?[{][\w*?[\]{},]*$/;
/** Extensions of importable modules: sources, bytecode, extension modules (or a glob of them). */
const MODULE_EXTENSION = /^\.(?:py|py[co]|.*\.so|so)$|[*?[{]/;

/**
 * The entry is an importable top-level module or package: `foo/`, `foo.py`, `_foo.cpython-312-x86_64-linux-gnu.so`.
 * Not `.pth` files, not the shared `__pycache__`, and not directories whose name is no module
 * name (`dnf-plugins`, where another project's plugins go).
 */
export function isTopLevelModule(entry: SitePackagesEntry): boolean {
  const first = entry.relative.split("/")[0] ?? "";
  if (first === "" || first === "__pycache__") return false;
  const dot = first.indexOf(".");
  const name = dot === -1 ? first : first.slice(0, dot);
  const extension = dot === -1 ? "" : first.slice(dot);
  return MODULE_NAME.test(name) && (extension === "" || MODULE_EXTENSION.test(extension));
}

/** The package's `%files` name a `.dist-info`/`.egg-info` directory, `%ghost` ones included. */
export function shipsMetadata(contents: PackageContents): boolean {
  return contents.pyprojectFileList || contents.sitePackages.some((entry) => entry.metadata);
}

function emptyContents(model: PackageModel): PackageContents {
  return {
    package: model,
    filesSections: [],
    built: false,
    sitePackages: [],
    pyprojectFileList: false,
    opaqueFileList: false,
    executables: [],
    shipsOtherFiles: false,
    files: [],
  };
}

/**
 * Classifies the `%files` lines of every package, walking the sections in file order: the live
 * lines of a `%files` section whose header is dead continue the `%files` section open before it
 * (`%if A` `%files -f list` `%else` `%files` `%endif` followed by common lines).
 */
function collectFiles(evaluation: Evaluation, packages: readonly PackageContents[]): void {
  const owners = new Map<Section, PackageContents>();
  for (const contents of packages) {
    for (const section of contents.package.sections) if (section.kind === "files") owners.set(section, contents);
  }
  let open: PackageContents | null = null;
  for (const section of evaluation.tree.sections) {
    const header = section.header;
    if (header === null || evaluation.livenessAt(header.start) !== "dead") {
      open = section.kind === "files" ? (owners.get(section) ?? null) : null;
      if (open === null || header === null) continue;
      open.filesSections.push(section);
      if (open.package.liveness !== "dead") open.built = true;
      for (const option of header.options) {
        if (option.flag.text !== "-f" || option.value === null) continue;
        if (scanMacroUses(option.value.text).some((use) => use.name === "pyproject_files")) open.pyprojectFileList = true;
        else open.opaqueFileList = true;
      }
    }
    if (open === null || section.kind !== "files") continue;
    for (const line of section.lines) {
      if (line.type === "FilesLine" && evaluation.livenessAt(line.start) !== "dead") classifyFilesLine(evaluation, line, open);
    }
  }
}

/** A path without macros, quotes, escapes or blanks. */
const LITERAL_PATH = /^[^%"'\\\s]+$/;

/** The directives of most `%files` lines: one set for all of them rather than one per line. */
const NO_DIRECTIVES: ReadonlySet<string> = new Set();

function directiveNames(line: FilesLine): ReadonlySet<string> {
  if (line.directives.length === 0) return NO_DIRECTIVES;
  const names = new Set<string>();
  for (const directive of line.directives) names.add(directive.name);
  return names;
}

function classifyFilesLine(evaluation: Evaluation, line: FilesLine, contents: PackageContents): void {
  const directives = directiveNames(line);
  for (const path of line.paths) {
    const expanded = LITERAL_PATH.test(path.text) ? path.text : evaluation.expand(path.text, path.start).value;
    if (expanded === null) {
      contents.files.push({ line, path, expanded: null, directives });
      classifyPath(contents, line, path, directives, locateUnexpanded(path));
      continue;
    }
    if (LITERAL_PATH.test(expanded)) {
      // Read again as a %files line, a literal path is itself: no directives, no other paths.
      contents.files.push({ line, path, expanded, directives });
      classifyPath(contents, line, path, directives, locateExpanded(expanded));
      continue;
    }
    // A macro may expand to more of the line (`%{?python_extras_subpkg:%ghost …dist-info}`):
    // read its value as rpm does, as %files directives and paths.
    const inner = parseFilesLine(expanded, 0, expanded.length, []);
    const innerDirectives =
      inner.directives.length === 0 ? directives : new Set([...directives, ...inner.directives.map((directive) => directive.name)]);
    for (const innerPath of inner.paths) {
      contents.files.push({ line, path, expanded: innerPath.text, directives: innerDirectives });
      classifyPath(contents, line, path, innerDirectives, locateExpanded(innerPath.text));
    }
  }
}

function classifyPath(
  contents: PackageContents,
  line: FilesLine,
  path: Span,
  directives: ReadonlySet<string>,
  location: PathLocation,
): void {
  if (directives.has("exclude")) return;
  const ghost = directives.has("ghost");
  const directoryOnly = directives.has("dir");
  const documentation = directives.has("doc") || directives.has("license");
  if (location.kind === "site-packages") {
    const relative = location.rest.replace(/^\/+/, "");
    const components = relative.split("/").filter((component) => component.length > 0);
    const first = components[0] ?? "";
    const metadata = METADATA_NAME.test(first);
    const topLevel = components.length <= 1 || (components.length === 2 && components[1] === "*");
    contents.sitePackages.push({ line, path, relative, metadata, topLevel, ghost, directoryOnly });
    if (!metadata && !ghost && !directoryOnly) contents.shipsOtherFiles = true;
    return;
  }
  if (location.kind === "executable") contents.executables.push(location.rest.split("/").pop() ?? "");
  if (!ghost && !directoryOnly && !documentation) contents.shipsOtherFiles = true;
}

interface PathLocation {
  kind: "site-packages" | "executable" | "other";
  /** For site-packages, the rest after the directory; for executables, the path. */
  rest: string;
}

function locateExpanded(expanded: string): PathLocation {
  const site = SITE_PACKAGES_PATH.exec(expanded);
  if (site !== null) return { kind: "site-packages", rest: expanded.slice(site[0].length) };
  if (EXECUTABLE_PATH.test(expanded)) return { kind: "executable", rest: expanded };
  return { kind: "other", rest: expanded };
}

/** Where a path that does not expand statically points, told by the macro it starts with. */
function locateUnexpanded(path: Span): PathLocation {
  const first = scanMacroUses(path.text)[0];
  if (first === undefined || first.start !== 0) return { kind: "other", rest: path.text };
  const rest = path.text.slice(first.end);
  if (SITE_PACKAGES_MACROS.has(first.name)) return { kind: "site-packages", rest };
  if (EXECUTABLE_DIR_MACRO.test(first.name)) return { kind: "executable", rest };
  return { kind: "other", rest: path.text };
}

/**
 * The resolved-name prefixes of Python 3 library packages for this spec: `python3-`, and
 * `python<X>-` where `%{python3_pkgversion}` is `<X>` (`python3.11-` in EPEL's alternative stacks).
 */
function libraryNamePrefixes(evaluation: Evaluation, offset: number): string[] {
  const prefixes = ["python3-"];
  const pkgversion = evaluation.expand("%{python3_pkgversion}", offset).value;
  if (pkgversion !== null && pkgversion !== "3" && pkgversion.length > 0) prefixes.push(`python${pkgversion}-`);
  return prefixes;
}

/** The prefix of `libraryNamePrefixes` that `name` starts with, or null. */
export function libraryNamePrefixOf(name: string, evaluation: Evaluation, offset: number): string | null {
  // Every prefix starts so: most names are told apart without expanding `%{python3_pkgversion}`.
  if (!name.startsWith("python")) return null;
  return libraryNamePrefixes(evaluation, offset).find((prefix) => name.startsWith(prefix)) ?? null;
}

/** `name` is a Python 3 library package name: `python3-foo`, `python3.11-foo`, `python38-foo`. */
export function isLibraryPackageName(name: string, evaluation: Evaluation, offset: number): boolean {
  const prefix = libraryNamePrefixOf(name, evaluation, offset);
  return prefix !== null && name.length > prefix.length;
}

/**
 * A word of the name says "Python" (`python-foo`, `foo-python3`, `py3-foo`): the package presents
 * itself as Python bindings or a Python library rather than as an application.
 */
export function namesPython(name: string): boolean {
  return name
    .toLowerCase()
    .split("-")
    .some((word) => /^(?:python|py)(?:\d+(?:\.\d+)?)?$/.test(word));
}

/**
 * A `-doc`/`-docs`/`-tests`/`-test`/`-testsuite` companion of the source package or of another
 * package of the spec (`python-foo-doc`, `sprocket-tests`), as opposed to a project whose own
 * name ends that way (`jaraco-test`).
 */
export function isCompanionPackage(evaluation: Evaluation, name: string): boolean {
  const match = /^(.+)-(?:docs?|tests?|testsuite)$/.exec(name);
  if (match === null) return false;
  const owner = match[1];
  return evaluation.packages.some((model) => model.name === owner);
}

function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/\.(?:py|sh|pl)$/, "")
    .split(/[-_.]+/)
    .filter((word) => word.length > 0);
}

/**
 * `name` is named after one of the commands: the command's name, possibly with a qualifier
 * appended (`ansible-core` installs `ansible`, `beets` installs `beet`). A command named after
 * the package (`numpy-config`) is a helper, not the tool the package is named after. A glob may
 * install anything, the tool too.
 */
export function namedAfterCommand(name: string, executables: readonly string[]): boolean {
  const joined = nameWords(name).join("");
  return executables.some((executable) => {
    if (executable.includes("*")) return true;
    const command = nameWords(executable).join("");
    return command.length > 0 && joined.startsWith(command);
  });
}

/**
 * The package is an application, which the library naming rules exempt: it does not present
 * itself as Python and it installs commands it is named after, or its name says it is a plugin.
 */
export function isApplicationPackage(contents: PackageContents): boolean {
  const name = contents.package.name ?? contents.package.nameAsWritten;
  if (namesPython(name)) return false;
  if (namedAfterCommand(name, contents.executables)) return true;
  return name
    .toLowerCase()
    .split("-")
    .some((word) => word === "plugin" || word === "plugins");
}

/** Where a package's name is written: the `%package` argument, or the value of the main `Name:`. */
export function packageNameSpan(evaluation: Evaluation, model: PackageModel): Span | null {
  if (model.header !== null) return model.header.subpackage;
  const nameTag = model.tags.find((tag) => tag.name === "name" && evaluation.livenessAt(tag.start) !== "dead");
  return nameTag?.value ?? null;
}
