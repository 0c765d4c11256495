import { describe, expect, it } from "vitest";
import { UNKNOWN_MARK, parseExpression, type ExpressionNode } from "../../src/parser/expression.js";

/** A compact, fully parenthesised rendering of the tree. */
function show(node: ExpressionNode): string {
  switch (node.type) {
    case "integer":
      return node.text;
    case "string":
      return JSON.stringify(node.value);
    case "version":
      return `v${JSON.stringify(node.value)}`;
    case "unknown":
      return `?${node.literal ?? ""}`;
    case "unary":
      return `(${node.operator}${show(node.operand)})`;
    case "binary":
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
    case "ternary":
      return `(${show(node.condition)} ? ${show(node.then)} : ${show(node.otherwise)})`;
    case "call":
      return `${node.name}(${node.args.map(show).join(", ")})`;
    case "invalid":
      return `!invalid`;
  }
}

function parsed(text: string): string {
  const result = parseExpression(text);
  if (result.error !== null) throw new Error(`unexpected error: ${result.error.message}`);
  return show(result.ast);
}

describe("parseExpression", () => {
  it("reads integers, strings and version literals", () => {
    expect(parsed("042")).toBe("042");
    expect(parsed('"a b"')).toBe('"a b"');
    expect(parsed('v"1:2.0-3"')).toBe('v"1:2.0-3"');
  });

  it("binds as rpm does: ternary, logical, relational, additive, multiplicative, unary", () => {
    expect(parsed("1 || 0 && 0")).toBe("((1 || 0) && 0)");
    expect(parsed("1 + 2 * 3 == 7")).toBe("((1 + (2 * 3)) == 7)");
    expect(parsed("!0 >= 8")).toBe("((!0) >= 8)");
    expect(parsed("- 2 * 3")).toBe("((-2) * 3)");
    expect(parsed("1 < 2 < 3")).toBe("((1 < 2) < 3)");
    expect(parsed("a(1) ? 2 : 3 ? 4 : 5".replace("a(1)", "(1)"))).toBe("(1 ? 2 : (3 ? 4 : 5))");
    expect(parsed("!!(1)")).toBe("(!(!1))");
  });

  it("reads the common spec idioms after expansion", () => {
    expect(parsed("0 && 0 < 9")).toBe("(0 && (0 < 9))");
    expect(parsed('"python-foo" == "foo"')).toBe('("python-foo" == "foo")');
    expect(parsed('v"3.14" >= v"3.10"')).toBe('(v"3.14" >= v"3.10")');
  });

  it("reads operands that contain unknown parts", () => {
    expect(parsed(`0${UNKNOWN_MARK} > 8`)).toBe("(?integer > 8)");
    expect(parsed(`${UNKNOWN_MARK}`)).toBe("?");
    expect(parsed(`"${UNKNOWN_MARK}" == "x"`)).toBe('(?string == "x")');
    expect(parsed(`v"${UNKNOWN_MARK}" < v"1"`)).toBe('(?version < v"1")');
  });

  it("reads Lua function calls and rejects other bare words when evaluated", () => {
    expect(parsed('lua:f(1, "a")')).toBe('lua:f(1, "a")');
    expect(parsed("lua:f()")).toBe("lua:f()");
    expect(parsed("and")).toBe("!invalid");
    expect(parsed("1 or 0".replace("1 or 0", "or"))).toBe("!invalid");
  });

  it("returns rpm's errors with offsets instead of throwing", () => {
    expect(parseExpression("")).toEqual({ ast: null, error: { message: "unexpected end of expression", offset: 0 } });
    expect(parseExpression("1 +").error).toEqual({ message: "unexpected end of expression", offset: 3 });
    expect(parseExpression("(1").error!.message).toBe("unexpected end of expression");
    expect(parseExpression("1 2").error).toEqual({ message: "syntax error in expression", offset: 2 });
    expect(parseExpression("1 = 2").error).toEqual({ message: "syntax error while parsing ==", offset: 2 });
    expect(parseExpression("1 & 2").error!.message).toBe("syntax error while parsing &&");
    expect(parseExpression("1 | 2").error!.message).toBe("syntax error while parsing ||");
    expect(parseExpression('"abc').error!.message).toBe("unterminated string in expression");
    expect(parseExpression("1 # comment").error).toEqual({ message: "parse error in expression", offset: 2 });
    expect(parseExpression("3.14 > 3.10").error).toEqual({ message: "parse error in expression", offset: 1 });
    expect(parseExpression("1 ? 2").error!.message).toBe("unexpected end of expression");
  });

  it("reports expressions too deep or too long to parse or evaluate without overflowing the stack", () => {
    const nested = (open: string, close: string, levels: number): string => `${open.repeat(levels)}1${close.repeat(levels)}`;
    expect(parseExpression(nested("(", ")", 100)).error).toBeNull();
    expect(parseExpression(nested("(", ")", 101)).error).toEqual({ message: "expression nested more than 100 levels deep", offset: 100 });
    expect(parseExpression(nested("-(", ")", 50)).error).toBeNull();
    expect(parseExpression(nested("!-", "", 60)).error!.message).toBe("expression nested more than 100 levels deep");
    expect(parseExpression(`${"1 ? ".repeat(101)}1${" : 1".repeat(101)}`).error!.message).toBe("expression nested more than 100 levels deep");
    // Sibling groups and binary minus do not nest.
    expect(parseExpression(Array.from({ length: 300 }, () => "(1)").join(" - ")).error).toBeNull();
    expect(parseExpression(`1${" + 1".repeat(1000)}`).error).toBeNull();
    expect(parseExpression(`1${" && 1".repeat(1001)}`).error!.message).toBe("expression with more than 1000 operators");
  });
});
