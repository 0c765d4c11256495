import { resolveTarget, targetIds } from "../evaluation/targets.js";
import { UsageError } from "./errors.js";

/** Why `target` is not a known target id, or null when it is. */
export function targetProblem(target: string): string | null {
  if (resolveTarget(target) !== null) return null;
  return `unknown target "${target}" (known: ${targetIds().join(", ")})`;
}

/** Rejects an unknown `--target` value as a usage error. */
export function checkTargetOption(target: string | undefined): void {
  if (target === undefined) return;
  const problem = targetProblem(target);
  if (problem !== null) throw new UsageError(`--target: ${problem}`);
}
