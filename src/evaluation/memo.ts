/**
 * Answers kept per evaluation: the shared helpers that several rules ask the same question
 * (the Python scope, the shell scripts, the dependencies of a tag, the value of a shell word)
 * compute each answer once per spec.
 *
 * The answers are stored on the evaluation itself, one slot per memo, so they live exactly as
 * long as it does. Keeping them in a WeakMap per memo, keyed by the evaluation, cost 12–16% of
 * the CPU time of a corpus run: every spec's evaluation became a weak key of some twenty maps,
 * and weak entries are expensive for the garbage collector.
 */
import type { Evaluation } from "./types.js";

/** The property of an evaluation that holds the memos' answers (see `SpecEvaluation`). */
export const MEMO_ANSWERS: unique symbol = Symbol("answers of the per-evaluation memos");

export interface HoldsMemoAnswers {
  [MEMO_ANSWERS]?: unknown[] | undefined;
}

const NOT_YET: unique symbol = Symbol("not computed yet");

let memoCount = 0;

function answersOf(evaluation: Evaluation): unknown[] {
  const holder = evaluation as Evaluation & HoldsMemoAnswers;
  let answers = holder[MEMO_ANSWERS];
  if (answers === undefined) {
    answers = [];
    holder[MEMO_ANSWERS] = answers;
  }
  // Memos are module constants, so this grows once per evaluation (or for a memo made later).
  while (answers.length < memoCount) answers.push(NOT_YET);
  return answers;
}

export class PerEvaluationMemo<Key extends object, Value> {
  private readonly slot = memoCount++;

  constructor(private readonly compute: (evaluation: Evaluation, key: Key) => Value) {}

  get(evaluation: Evaluation, key: Key): Value {
    const answers = answersOf(evaluation);
    let byKey = answers[this.slot] as Map<Key, Value> | typeof NOT_YET;
    if (byKey === NOT_YET) {
      byKey = new Map();
      answers[this.slot] = byKey;
    }
    const known = byKey.get(key);
    if (known !== undefined || byKey.has(key)) return known as Value;
    const value = this.compute(evaluation, key);
    byKey.set(key, value);
    return value;
  }
}

/** `compute`, run once per evaluation: later calls with the same evaluation return its first answer. */
export function oncePerEvaluation<Value>(compute: (evaluation: Evaluation) => Value): (evaluation: Evaluation) => Value {
  const slot = memoCount++;
  return (evaluation) => {
    const answers = answersOf(evaluation);
    const known = answers[slot];
    if (known !== NOT_YET) return known as Value;
    const value = compute(evaluation);
    answers[slot] = value;
    return value;
  };
}
