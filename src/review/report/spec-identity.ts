/**
 * Name, Epoch, Version and Release of the main package as rpm reads them for the target: the
 * last such tag of the main preamble that is not dead, expanded statically.
 */
import type { Evaluation } from "../../evaluation/types.js";
import type { TagLine } from "../../tree/nodes.js";
import type { SpecIdentity } from "./types.js";

export interface SpecTag {
  /** The expanded value; null when the spec has no such tag or it is not known statically. */
  value: string | null;
  tag: TagLine | null;
  /** Why the value is null although the tag exists. */
  unknown: string | null;
}

export type IdentityTag = "name" | "epoch" | "version" | "release";

export function specTag(evaluation: Evaluation, name: IdentityTag): SpecTag {
  const main = evaluation.packages[0];
  const candidates = (main?.tags ?? []).filter(
    (tag) => tag.name === name && tag.qualifiers === null && evaluation.livenessAt(tag.start) !== "dead",
  );
  const tag = candidates[candidates.length - 1];
  if (tag === undefined) return { value: null, tag: null, unknown: null };
  if (evaluation.livenessAt(tag.start) === "unknown") {
    const condition = evaluation.unknownConditionAt(tag.start);
    const reason =
      condition === null
        ? "it is in a conditional block that cannot be evaluated statically"
        : `it depends on the condition \`${condition}\`, which cannot be evaluated statically`;
    return { value: null, tag, unknown: reason };
  }
  const expansion = evaluation.expand(tag.value.text, tag.value.start);
  if (expansion.value === null) {
    const reason = expansion.unknown.length > 0 ? expansion.unknown.join("; ") : "it cannot be expanded statically";
    return { value: null, tag, unknown: reason };
  }
  return { value: expansion.value.trim(), tag, unknown: null };
}

export function specIdentity(evaluation: Evaluation): SpecIdentity {
  return {
    name: specTag(evaluation, "name").value,
    epoch: specTag(evaluation, "epoch").value,
    version: specTag(evaluation, "version").value,
    release: specTag(evaluation, "release").value,
  };
}
