import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { oncePerEvaluation, PerEvaluationMemo } from "../../src/evaluation/memo.js";
import type { Evaluation } from "../../src/evaluation/types.js";
import { parseSpec } from "../../src/parser/parse.js";

const evaluationOf = (text: string): Evaluation => evaluate(parseSpec(text).tree, {});

describe("oncePerEvaluation", () => {
  it("computes once per evaluation, and again for another evaluation", () => {
    const computedFor: Evaluation[] = [];
    const nameOf = oncePerEvaluation((evaluation) => {
      computedFor.push(evaluation);
      return evaluation.tree.text.split("\n")[0];
    });
    const first = evaluationOf("Name: one\n");
    const second = evaluationOf("Name: two\n");
    expect([nameOf(first), nameOf(second), nameOf(first), nameOf(second)]).toEqual(["Name: one", "Name: two", "Name: one", "Name: two"]);
    expect(computedFor).toEqual([first, second]);
  });

  it("keeps an answer that is undefined or null", () => {
    let calls = 0;
    const nothing = oncePerEvaluation(() => {
      calls += 1;
      return undefined;
    });
    const none = oncePerEvaluation(() => {
      calls += 1;
      return null;
    });
    const evaluation = evaluationOf("Name: foo\n");
    expect([nothing(evaluation), none(evaluation), nothing(evaluation), none(evaluation)]).toEqual([undefined, null, undefined, null]);
    expect(calls).toBe(2);
  });

  it("works for a memo made after the evaluation has answers", () => {
    const evaluation = evaluationOf("Name: foo\n");
    const early = oncePerEvaluation(() => "early");
    expect(early(evaluation)).toBe("early");
    const late = oncePerEvaluation(() => "late");
    expect([late(evaluation), early(evaluation)]).toEqual(["late", "early"]);
  });
});

describe("PerEvaluationMemo", () => {
  it("computes once per evaluation and key", () => {
    const computed: string[] = [];
    const memo = new PerEvaluationMemo<{ name: string }, string>((evaluation, key) => {
      computed.push(key.name);
      return `${key.name} in ${evaluation.tree.text.length}`;
    });
    const one = { name: "one" };
    const two = { name: "two" };
    const first = evaluationOf("Name: a\n");
    const second = evaluationOf("Name: bb\n");
    expect([memo.get(first, one), memo.get(first, two), memo.get(first, one), memo.get(second, one)]).toEqual([
      "one in 8",
      "two in 8",
      "one in 8",
      "one in 9",
    ]);
    expect(computed).toEqual(["one", "two", "one"]);
  });
});
