/**
 * The static evaluation model: what a spec means for one target, computed without rpm and
 * without executing anything from the spec.
 */
import type { ConditionalBranch, Section, SectionHeader, SpecFile, TagLine } from "../tree/nodes.js";

/** Whether a line takes part in the build for the target. */
export type Liveness = "live" | "dead" | "unknown";

/** A build target: which distribution release the spec is evaluated for. */
export interface Target {
  /** `fedora-rawhide`, `fedora-43`, `epel-9`… */
  id: string;
  /** Value of `%{fedora}`, or null when undefined (EPEL). */
  fedora: number | null;
  /** Value of `%{rhel}`, or null when undefined (Fedora). */
  rhel: number | null;
  /** Python 3 version, `3.14`. */
  python3Version: string;
  /** Built-in macro values for this target, name → body (as rpm would define them). */
  macros: ReadonlyMap<string, string>;
}

export interface EvaluationOptions {
  /** Target id; `fedora-rawhide` when omitted. */
  target?: string;
  /** bconds forced on, as `rpmbuild --with NAME`. */
  with?: readonly string[];
  /** bconds forced off, as `rpmbuild --without NAME`. */
  without?: readonly string[];
}

/** The result of expanding text statically. */
export interface Expansion {
  /** The expanded text, or null when any part of it cannot be known statically. */
  value: string | null;
  /** Why the value is unknown (e.g. `%(…) is never executed`, `%{foo} is not defined statically`). */
  unknown: string[];
}

/** A binary package of the spec as rpm would build it for the target. */
export interface PackageModel {
  /** The resolved package name, or null when it cannot be resolved statically. */
  name: string | null;
  /** The name as written: `Name:` value for the main package, the `%package` argument otherwise. */
  nameAsWritten: string;
  /** The `%package` header; null for the main package. */
  header: SectionHeader | null;
  /** Liveness of the package header (always live for the main package). */
  liveness: Liveness;
  /** The tag lines of this package's preamble (the main preamble or its `%package` section). */
  tags: TagLine[];
  /** `%description`, `%files`, scriptlets and triggers that name this package. */
  sections: Section[];
}

/** A macro definition in effect at some offset. */
export interface MacroDefinitionInfo {
  name: string;
  /** The unexpanded body; null for a built-in defined by the target data. */
  body: string | null;
  /** Where the definition is in the spec; null for built-ins. */
  start: number | null;
  /** `%global` expands its body at definition time; `%define` at each use. */
  eager: boolean;
  /** Parametric macros (`%define foo(a:b) …`). */
  parameters: string | null;
}

export interface Evaluation {
  readonly tree: SpecFile;
  readonly target: Target;
  /** Liveness of the line that contains `offset`. */
  livenessAt(offset: number): Liveness;
  /** Liveness of a conditional branch body (its parents included). */
  branchLiveness(branch: ConditionalBranch): Liveness;
  /**
   * For a line of unknown liveness, the condition text it depends on (the innermost unknown
   * `%if` expression); null otherwise.
   */
  unknownConditionAt(offset: number): string | null;
  /** Expands `text` with the macros in effect at `offset` (target built-ins plus spec definitions). */
  expand(text: string, offset: number): Expansion;
  /** The definition of `name` in effect at `offset`: undefined when not defined, null when unknowable. */
  definitionAt(name: string, offset: number): MacroDefinitionInfo | null | undefined;
  /** Value of a bcond after `--with`/`--without`: true, false, or null when unknown/undeclared. */
  bcond(name: string): boolean | null;
  /** The main package first, then each `%package` in file order. */
  readonly packages: readonly PackageModel[];
  /** The package a section or tag line belongs to. */
  packageOf(offset: number): PackageModel | null;
}
