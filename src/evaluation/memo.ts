/**
 * Answers kept per evaluation: the shared helpers that several rules ask the same question
 * (the Python scope, the shell scripts, the dependencies of a tag, the value of a shell word)
 * compute each answer once per spec.
 */
import type { Evaluation } from "./types.js";

export class PerEvaluationMemo<Key extends object, Value> {
  // The keys (nodes of the evaluated tree) live as long as the evaluation, so a plain map per
  // evaluation holds them no longer than a weak one would, and is cheaper to read.
  private readonly byEvaluation = new WeakMap<Evaluation, Map<Key, Value>>();

  constructor(private readonly compute: (evaluation: Evaluation, key: Key) => Value) {}

  get(evaluation: Evaluation, key: Key): Value {
    let answers = this.byEvaluation.get(evaluation);
    if (answers === undefined) {
      answers = new Map();
      this.byEvaluation.set(evaluation, answers);
    }
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as Value;
    const value = this.compute(evaluation, key);
    answers.set(key, value);
    return value;
  }
}

/** `compute`, run once per evaluation: later calls with the same evaluation return its first answer. */
export function oncePerEvaluation<Value>(compute: (evaluation: Evaluation) => Value): (evaluation: Evaluation) => Value {
  const answers = new WeakMap<Evaluation, Value>();
  return (evaluation) => {
    if (answers.has(evaluation)) return answers.get(evaluation) as Value;
    const value = compute(evaluation);
    answers.set(evaluation, value);
    return value;
  };
}
