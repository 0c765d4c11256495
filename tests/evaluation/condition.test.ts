import { describe, expect, it } from "vitest";
import {
  evaluateExpression,
  evaluateExpressionText,
  formatExpressionValue,
  truthOf,
  type ExpressionResult,
} from "../../src/evaluation/condition.js";
import { parseExpression, UNKNOWN_MARK } from "../../src/parser/expression.js";

const U = UNKNOWN_MARK;

function truth(text: string): boolean | null {
  const result = evaluateExpressionText(text);
  if (result.error !== null) throw new Error(`unexpected error: ${result.error.message}`);
  return truthOf(result.value);
}

function value(text: string): string | null {
  const result: ExpressionResult = evaluateExpressionText(text);
  if (result.error !== null) throw new Error(`unexpected error: ${result.error.message}`);
  return formatExpressionValue(result.value);
}

function error(text: string): string | null {
  return evaluateExpressionText(text).error?.message ?? null;
}

describe("evaluateExpressionText", () => {
  it("reads a plain number (the usual expanded condition) as the grammar does", () => {
    const numbers = ["0", "1", "040", " 1\n", "\t( 0 )\t", "(1)", "2147483647", "2147483648", "99999999999999999999", "0000000000042"];
    for (const text of numbers) {
      const parsed = parseExpression(text);
      expect(parsed.error, text).toBeNull();
      expect(evaluateExpressionText(text), text).toEqual(evaluateExpression(parsed.ast!));
    }
    for (const text of ["(1", "1)", "((1))", "1 1", "-1", "", "1\u00a0"]) {
      const parsed = parseExpression(text);
      const viaGrammar = parsed.error !== null ? { value: null, error: parsed.error } : evaluateExpression(parsed.ast);
      expect(evaluateExpressionText(text), text).toEqual(viaGrammar);
    }
  });

  it("computes with C int arithmetic and atoi", () => {
    expect(value("3 + 4 * (1 + 2)")).toBe("15");
    expect(value("7 / 2")).toBe("3");
    expect(value("-7 / 2")).toBe("-3");
    expect(value("046")).toBe("46");
    expect(value("2147483647 + 1")).toBe("-2147483648");
    expect(value("99999999999")).toBe("1215752191");
  });

  it("returns an operand from && and ||, as rpm does", () => {
    expect(value("5 && 7")).toBe("7");
    expect(value("0 && 7")).toBe("0");
    expect(value("5 || 7")).toBe("5");
    expect(value('"" || "x"')).toBe("x");
  });

  it("compares strings bytewise and versions with rpm's version order", () => {
    expect(truth('"python-foo" == "python-foo"')).toBe(true);
    expect(truth('"a" < "b"')).toBe(true);
    expect(truth('"3.9" > "3.10"')).toBe(true);
    expect(truth('v"3.9" < v"3.10"')).toBe(true);
    expect(truth('v"1:1.0" > v"2.0"')).toBe(true);
    expect(truth('v"1.0~rc1" < v"1.0"')).toBe(true);
    expect(truth('v"1.0" < v"1.0-1"')).toBe(true);
  });

  it("treats strings as true when not empty and versions as never true", () => {
    expect(truth('"x"')).toBe(true);
    expect(truth('""')).toBe(false);
    expect(truth('v"1"')).toBe(false);
    expect(truth('!v"1"')).toBe(true);
  });

  it("uses three-valued logic for unknown operands", () => {
    expect(truth(`0${U} && 0`)).toBe(false);
    expect(truth(`0${U} || 1`)).toBe(true);
    expect(truth(`0 && 0${U}`)).toBe(false);
    expect(truth(`1 || ${U}`)).toBe(true);
    expect(truth(`0${U} && 1`)).toBeNull();
    expect(truth(`0${U} > 8`)).toBeNull();
    expect(truth(`!${U}`)).toBeNull();
    expect(truth(`"${U}" == "foo"`)).toBeNull();
    expect(truth(`${U} ? 1 : 1`)).toBe(true);
    expect(truth(`${U} ? 1 : 0`)).toBeNull();
    expect(truth(`lua:f(1)`)).toBeNull();
  });

  it("reports what rpm rejects", () => {
    expect(error('"a" && 1')).toBe("types must match");
    expect(error('"a" == 1')).toBe("types must match");
    expect(error("1 / 0")).toBe("division by zero");
    expect(error('"a" - "b"')).toBe("- not supported for strings");
    expect(error('v"1" + v"2"')).toBe("+ not supported for versions");
    expect(error('-"a"')).toBe("- only on numbers");
    expect(error('v""')).toBe("invalid version");
    expect(error("and")).toBe('bare words are no longer supported, please use "...": and');
    expect(error("foo(1)")).toBe("unsupported function");
  });

  it("skips division by zero and empty versions on the side not taken", () => {
    expect(value("0 && 1 / 0")).toBe("0");
    expect(value('1 || v"" < v"1"')).toBe("1");
    expect(value("1 ? 2 : 3 / 0")).toBe("2");
    expect(error('0 && "a"')).toBe("types must match");
  });
});
