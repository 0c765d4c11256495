/**
 * The macro definitions of one spec for one target, as they change while rpm reads the spec.
 *
 * rpm keeps a stack of definitions per name: `%define`/`%global`/a tag push, `%undefine` pops
 * and so exposes the previous definition. The evaluator applies these operations in file order;
 * every change is recorded with the offset from which it is in effect, so that the state of any
 * name at any offset is a binary search away, with no copies of the table per line.
 *
 * An operation on a line of unknown liveness may or may not have happened: the name's value is
 * unknown from there on (unless the definition repeats the current value exactly), until a live
 * definition replaces it. Popping an unknown state leaves it unknown.
 */
import type { Liveness } from "./types.js";
import { UNKNOWN_MARK } from "../parser/expression.js";
import { BUILD_ROOT_MACROS, OPTIONAL_MACROS } from "./targets.js";

/** `argument`: `%1`, `%*`, `%-f`… of a parametric invocation, used literally. */
export type MacroOrigin = "target" | "spec" | "tag" | "bcond" | "option" | "argument";

export interface MacroDefinition {
  name: string;
  /**
   * The body rpm stores: for `%define` the text after escape processing, for `%global` and tags
   * the expanded text, which may contain `UNKNOWN_MARK` where a part was not known.
   */
  body: string;
  /** getopt option letters of a parametric macro (`a:b`, or `` for `foo()`); null when simple. */
  parameters: string | null;
  /** The line that made the definition; null for target built-ins and command-line options. */
  start: number | null;
  /** The body as written in the spec (null for built-ins). */
  written: string | null;
  eager: boolean;
  origin: MacroOrigin;
  /** Why the parts of `body` marked unknown are unknown. */
  unknown: readonly string[];
}

export type MacroState =
  | { kind: "defined"; definition: MacroDefinition }
  | { kind: "undefined" }
  | { kind: "unknown"; reason: string };

const UNDEFINED: MacroState = { kind: "undefined" };

/** What the spec did to one name: one record (and one table entry) per name changed. */
interface History {
  /** rpm's stack of definitions of the name as the spec is read, the current state on top. */
  stack: MacroState[];
  /** Offsets from which each state is in effect, ascending. */
  offsets: number[];
  states: MacroState[];
}

function sameDefinition(a: MacroDefinition, b: MacroDefinition): boolean {
  return a.body === b.body && a.parameters === b.parameters;
}

function builtinState(name: string, body: string): MacroState {
  return {
    kind: "defined",
    definition: { name, body, parameters: null, start: null, written: null, eager: false, origin: "target", unknown: [] },
  };
}

/**
 * The state before any spec line of every name the target knows: its built-ins, the macros of
 * build-root packages (defined, value not modelled) and those a build dependency may define
 * (unknown). Built once per target's built-ins and shared by every spec read for it; the keys are
 * the target's own names, so no spec text is kept alive by it.
 */
const knownInitialStates = new WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, MacroState>>();

function initialStatesOf(builtins: ReadonlyMap<string, string>): ReadonlyMap<string, MacroState> {
  let states = knownInitialStates.get(builtins);
  if (states !== undefined) return states;
  const built = new Map<string, MacroState>();
  for (const name of OPTIONAL_MACROS) {
    built.set(name, { kind: "unknown", reason: `%{${name}} is defined only when a build dependency provides it` });
  }
  for (const name of BUILD_ROOT_MACROS) {
    const reason = `%{${name}} comes from the build root's macro packages; its value is not modelled`;
    built.set(name, {
      kind: "defined",
      definition: { name, body: UNKNOWN_MARK, parameters: null, start: null, written: null, eager: false, origin: "target", unknown: [reason] },
    });
  }
  for (const [name, body] of builtins) built.set(name, builtinState(name, body));
  states = built;
  knownInitialStates.set(builtins, states);
  return states;
}

/**
 * The expansion of a text that looked up only names whose state was the target's own: the same
 * for every spec read for the target, where those names have that state. Its strings hold no
 * part of the spec it was first expanded for.
 */
export interface TargetExpansion {
  text: string;
  unknown: readonly string[];
  names: string[];
}

/** Expansions shared by the specs read for a target, by text (keyed by the target's initial states). */
const targetExpansionsOf = new WeakMap<ReadonlyMap<string, MacroState>, Map<string, TargetExpansion>>();

export class MacroTable {
  private readonly histories = new Map<string, History>();
  /** States before the spec that belong to this reading only: overrides and command-line options. */
  private readonly initialStates = new Map<string, MacroState>();
  /** Offsets of every recorded change in order: the number before an offset identifies the table state there. */
  private readonly changeOffsets: number[] = [];
  /** Constructs that may define macros without saying which values (Lua, an included file). */
  private readonly opaque: { offset: number; names: ReadonlySet<string> | null; reason: string }[] = [];
  /** The offsets of `opaque`, ascending (constructs are recorded in file order). */
  private readonly opaqueOffsets: number[] = [];

  /** The initial states of the names the target knows, shared by every spec read for it. */
  private readonly knownStates: ReadonlyMap<string, MacroState>;

  /** Expansions shared by every spec read for the target (see `hasTargetStates`). */
  readonly targetExpansions: Map<string, TargetExpansion>;

  constructor(
    builtins: ReadonlyMap<string, string>,
    /** Built-ins that differ from `builtins` for this reading of the spec (`_target_cpu`). */
    overrides: ReadonlyMap<string, string>,
  ) {
    this.knownStates = initialStatesOf(builtins);
    let shared = targetExpansionsOf.get(this.knownStates);
    if (shared === undefined) {
      shared = new Map();
      targetExpansionsOf.set(this.knownStates, shared);
    }
    this.targetExpansions = shared;
    for (const [name, body] of overrides) this.initialStates.set(name, builtinState(name, body));
  }

  /** The state of `name` before any spec line: the target's built-in, an unmodelled external, or undefined. */
  initialState(name: string): MacroState {
    // Asked at every use of a name the spec does not define; the reading's own states are rare.
    const own = this.initialStates.size > 0 ? this.initialStates.get(name) : undefined;
    return own ?? this.knownStates.get(name) ?? UNDEFINED;
  }

  /** Adds a definition before the spec is read (command-line `--with`/`--without`). */
  predefine(definition: MacroDefinition): void {
    this.initialStates.set(definition.name, { kind: "defined", definition });
  }

  /** The state of `name` in effect at `offset`. */
  stateAt(name: string, offset: number): MacroState {
    const history = this.histories.get(name);
    let state: MacroState | null = null;
    let since = -1;
    if (history !== undefined) {
      const index = lastAtOrBefore(history.offsets, offset);
      if (index >= 0) {
        state = history.states[index]!;
        since = history.offsets[index]!;
      }
    }
    state ??= this.initialState(name);
    for (let k = this.opaque.length - 1; k >= 0; k -= 1) {
      const construct = this.opaque[k]!;
      if (construct.offset > offset) continue;
      if (construct.offset <= since) break;
      if (construct.names === null ? state.kind === "undefined" : construct.names.has(name)) {
        return { kind: "unknown", reason: construct.reason };
      }
    }
    return state;
  }

  /**
   * Records a construct that may define macros from `effectiveAt` on: the listed names (null: any
   * name that is not defined yet) become unknown.
   */
  addOpaque(effectiveAt: number, names: ReadonlySet<string> | null, reason: string): void {
    this.opaque.push({ offset: effectiveAt, names, reason });
    this.opaqueOffsets.push(effectiveAt);
    this.changeOffsets.push(effectiveAt);
  }

  /** Identifies the state of the whole table at `offset` (for memoising expansions). */
  generationAt(offset: number): number {
    return lastAtOrBefore(this.changeOffsets, offset) + 1;
  }

  /**
   * Identifies the state of `name` at `offset` apart from opaque constructs (for memoising
   * expansions): two offsets with the same stamp see the same recorded state of the name.
   */
  stampAt(name: string, offset: number): number {
    const history = this.histories.get(name);
    return history === undefined ? -1 : lastAtOrBefore(history.offsets, offset);
  }

  /**
   * Every name has at `offset` the state the target gives it: no line of the spec, command-line
   * option or opaque construct changed it there.
   */
  hasTargetStates(names: readonly string[], offset: number): boolean {
    if (this.initialStates.size > 0 || this.opaqueCountAt(offset) > 0) return false;
    for (const name of names) if (this.stampAt(name, offset) !== -1) return false;
    return true;
  }

  /** How many opaque constructs are in effect at `offset`. */
  opaqueCountAt(offset: number): number {
    return lastAtOrBefore(this.opaqueOffsets, offset) + 1;
  }

  /** Pushes a definition made by a line of the given liveness, in effect from `effectiveAt`. */
  push(definition: MacroDefinition, liveness: Liveness, effectiveAt: number, unknownReason: string): void {
    const history = this.historyOf(definition.name);
    const stack = history.stack;
    const top = stack[stack.length - 1]!;
    if (liveness === "live") {
      stack.push({ kind: "defined", definition });
    } else {
      if (top.kind === "defined" && sameDefinition(top.definition, definition)) return;
      stack.length = 0;
      stack.push({ kind: "unknown", reason: unknownReason });
    }
    this.record(history, stack[stack.length - 1]!, effectiveAt);
  }

  /** `%undefine` on a line of the given liveness. */
  pop(name: string, liveness: Liveness, effectiveAt: number, unknownReason: string): void {
    const history = this.historyOf(name);
    const stack = history.stack;
    const top = stack[stack.length - 1]!;
    if (top.kind === "undefined") return;
    if (top.kind === "unknown" && stack.length === 1) return;
    if (liveness === "live") {
      stack.pop();
      if (stack.length === 0) stack.push(UNDEFINED);
    } else {
      stack.length = 0;
      stack.push({ kind: "unknown", reason: unknownReason });
    }
    this.record(history, stack[stack.length - 1]!, effectiveAt);
  }

  /** A change of unknown outcome (a Lua-computed `%bcond` default, say): the value is unknown from here. */
  markUnknown(name: string, effectiveAt: number, reason: string): void {
    const history = this.historyOf(name);
    const stack = history.stack;
    stack.length = 0;
    stack.push({ kind: "unknown", reason });
    this.record(history, stack[0]!, effectiveAt);
  }

  private historyOf(name: string): History {
    let history = this.histories.get(name);
    if (history === undefined) {
      history = { stack: [this.initialState(name)], offsets: [], states: [] };
      this.histories.set(name, history);
    }
    return history;
  }

  private record(history: History, state: MacroState, effectiveAt: number): void {
    const last = history.offsets.length - 1;
    if (last >= 0 && history.offsets[last] === effectiveAt) {
      history.states[last] = state;
    } else if (last < 0) {
      // Most names change once: arrays made with their one element, as `appended` makes lists,
      // where a first push onto an empty array reserves room for seventeen.
      history.offsets = [effectiveAt];
      history.states = [state];
    } else {
      history.offsets.push(effectiveAt);
      history.states.push(state);
    }
    this.changeOffsets.push(effectiveAt);
  }
}

/** Index of the last element `<= offset` in an ascending array, or -1. */
export function lastAtOrBefore(sorted: readonly number[], offset: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
