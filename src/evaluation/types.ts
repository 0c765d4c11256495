/**
 * The static evaluation model: what a spec means for one target, computed without rpm and
 * without executing anything from the spec.
 */
import type {
  ConditionalBranch,
  ConditionalLine,
  LineNode,
  Section,
  SectionHeader,
  SectionKind,
  SpecFile,
  TagLine,
} from "../tree/nodes.js";

export { UNKNOWN_MARK } from "../parser/expression.js";

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
  /** `%{_target_cpu}` (and `%{_arch}`): every target is evaluated for `x86_64`. */
  cpu: string;
  /** `%{_target_os}`: `linux`. */
  os: string;
  /** The rpm release (major.minor) the target builds with. */
  rpmVersion: string;
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
  readonly value: string | null;
  /** Why the value is unknown (e.g. `%(…) is never executed`, `%{foo} is not defined statically`). */
  readonly unknown: readonly string[];
}

/**
 * The result of expanding text as far as it can be known statically: the known parts as rpm
 * would expand them, and in place of each part that is not known one `UNKNOWN_MARK` (U+E000, a
 * private-use character; unknown parts next to each other may share one mark). A caller that
 * only needs a part of the text can use that part when it holds no mark.
 */
export interface PartialExpansion {
  /** The expanded text with `UNKNOWN_MARK` for each unknown part. */
  text: string;
  /** Why parts are unknown; empty when `text` holds no mark. */
  unknown: readonly string[];
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

/** The `BuildSystem:` of a declarative build (rpm 4.20+). */
export interface BuildSystemModel {
  /** The expanded value (`pyproject`); null when it is not known statically. */
  name: string | null;
  tag: TagLine;
  liveness: Liveness;
  /**
   * The build sections rpm generates from the build system's macros because the spec does not
   * write them (for `pyproject`: `%prep` from the default build system, then
   * `%generate_buildrequires`, `%build`, `%install` and `%check`).
   */
  impliedSections: readonly SectionKind[];
}

/** What the evaluator made of one `%if`/`%elif`/`%ifarch`… directive. */
export interface ConditionOutcome {
  directive: ConditionalLine;
  /** rpm evaluates a directive only in a live context and until a branch of its block is taken. */
  evaluated: boolean;
  /** The expression or arch list after macro expansion, `<?>` for parts not known; null when not evaluated. */
  expanded: string | null;
  /** The directive's own truth; null when unknown, rejected or not evaluated. */
  value: boolean | null;
  /** rpm's error when it rejects the condition (the build would fail), e.g. `types must match`. */
  error: string | null;
  /** Why the value is unknown. */
  unknown: readonly string[];
}

/** A `SourceN`/`PatchN` tag or a `%sourcelist`/`%patchlist` line, numbered as rpm numbers it. */
export interface SourceModel {
  kind: "source" | "patch";
  number: number;
  line: TagLine | LineNode;
  /** The expanded value (a URL or file name); null when not known statically. */
  value: string | null;
  liveness: Liveness;
}

/** A live or unknown line whose effect is never known statically: `%include`, `%{load:…}`, Lua code. */
export interface OpaqueConstruct {
  line: LineNode;
  liveness: Liveness;
  reason: string;
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
  /** Expands `text` like `expand`, keeping the known parts when others are unknown. */
  expandPartially(text: string, offset: number): PartialExpansion;
  /** The definition of `name` in effect at `offset`: undefined when not defined, null when unknowable. */
  definitionAt(name: string, offset: number): MacroDefinitionInfo | null | undefined;
  /** Value of a bcond after `--with`/`--without`: true, false, or null when unknown/undeclared. */
  bcond(name: string): boolean | null;
  /** The main package first, then each `%package` in file order. */
  readonly packages: readonly PackageModel[];
  /** The package a section or tag line belongs to. */
  packageOf(offset: number): PackageModel | null;
  /**
   * `%{_target_cpu}` as the spec is evaluated: the target's cpu, or `noarch` when the main
   * package says `BuildArch: noarch` (rpm then reads the whole spec again for noarch, so
   * `%ifarch x86_64` is false there); null when that cannot be known.
   */
  readonly targetCpu: string | null;
  /** The live or unknown `BuildSystem:` of the main package, or null for a classic spec. */
  readonly buildSystem: BuildSystemModel | null;
  /** How a conditional directive was evaluated; null for a line that is not part of a block. */
  conditionOf(directive: ConditionalLine): ConditionOutcome | null;
  /** Sources and patches in rpm's numbering (live and unknown ones; dead ones are left out). */
  readonly sources: readonly SourceModel[];
  /** Lines rpm would run or read that can change the spec in ways never known here. */
  readonly opaque: readonly OpaqueConstruct[];
}
