/**
 * Evaluates rpm expressions (`%if` conditions, `%[…]`, `%bcond` defaults) with three-valued logic.
 *
 * Values follow rpmio/expression.c: 32-bit integers (C `int` arithmetic, `atoi` reading), strings
 * compared bytewise, and versions compared with rpm's version order. Integers are true when not
 * zero, strings when not empty, versions never. `&&` and `||` return one of their operands, and
 * both operands of any binary operator must have the same type. An operand of unknown value
 * (`UNKNOWN_MARK`) makes the result unknown unless the known parts decide it: `unknown && 0` is
 * false, `unknown || 1` is true.
 *
 * Like rpm, the side of `&&`, `||` or `? :` that is not taken is still parsed and type-checked,
 * but a division by zero or an empty version there is not an error.
 */
import {
  parseExpression,
  type BinaryOperator,
  type ExpressionError,
  type ExpressionNode,
  type LiteralType,
} from "../parser/expression.js";
import { compareEvr } from "./version.js";

export type ExpressionValue =
  | { kind: "integer"; value: number }
  | { kind: "string"; value: string }
  | { kind: "version"; value: string }
  /** Not known statically; `truth` is known when the known parts decide it. */
  | { kind: "unknown"; type: LiteralType | null; truth: boolean | null };

export type ExpressionResult =
  | { value: ExpressionValue; error: null }
  | { value: null; error: ExpressionError };

class EvaluationError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const INT_MAX_AS_LONG = 9223372036854775807n;

/** C's `atoi` on a string of digits as glibc does it: `strtol` saturates, the cast truncates. */
function atoi(digits: string): number {
  if (digits.length <= 9) return Number(digits);
  let value = BigInt(digits);
  if (value > INT_MAX_AS_LONG) value = INT_MAX_AS_LONG;
  return Number(BigInt.asIntN(32, value));
}

/** bytewise `strcmp` of the UTF-8 encodings, which orders like code points. */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i += 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Truth of a value as rpm's `%if` sees it; null when unknown. */
export function truthOf(value: ExpressionValue): boolean | null {
  switch (value.kind) {
    case "integer":
      return value.value !== 0;
    case "string":
      return value.value !== "";
    case "version":
      return false;
    case "unknown":
      return value.truth;
  }
}

function typeOf(value: ExpressionValue): LiteralType | null {
  return value.kind === "unknown" ? value.type : value.kind === "integer" ? "integer" : value.kind;
}

function unknown(type: LiteralType | null, truth: boolean | null = null): ExpressionValue {
  return { kind: "unknown", type, truth };
}

function checkSameType(left: ExpressionValue, right: ExpressionValue, offset: number): void {
  if (left.kind !== "unknown" && right.kind !== "unknown" && left.kind !== right.kind) {
    throw new EvaluationError("types must match", offset);
  }
}

function evaluateNode(node: ExpressionNode, discard: boolean): ExpressionValue {
  switch (node.type) {
    case "integer":
      return { kind: "integer", value: discard ? 0 : atoi(node.text) };
    case "string":
      return { kind: "string", value: discard ? "" : node.value };
    case "version":
      if (!discard && node.value === "") throw new EvaluationError("invalid version", node.offset);
      return { kind: "version", value: discard ? "0" : node.value };
    case "unknown":
      return unknown(node.literal);
    case "invalid":
      throw new EvaluationError(node.message, node.offset);
    case "call":
      for (const arg of node.args) evaluateNode(arg, discard);
      if (!node.name.startsWith("lua:")) throw new EvaluationError("unsupported function", node.offset);
      return unknown("string");
    case "unary": {
      const operand = evaluateNode(node.operand, discard);
      if (node.operator === "!") {
        const truth = truthOf(operand);
        return truth === null ? unknown("integer") : { kind: "integer", value: truth ? 0 : 1 };
      }
      if (operand.kind === "unknown") {
        if (operand.type !== null && operand.type !== "integer") {
          throw new EvaluationError("- only on numbers", node.offset);
        }
        return unknown("integer");
      }
      if (operand.kind !== "integer") throw new EvaluationError("- only on numbers", node.offset);
      return { kind: "integer", value: -operand.value | 0 };
    }
    case "ternary":
      return evaluateTernary(node.condition, node.then, node.otherwise, discard);
    case "binary":
      if (node.operator === "&&" || node.operator === "||") {
        return evaluateLogical(node.operator, node.left, node.right, node.offset, discard);
      }
      return evaluateArithmetic(node.operator, evaluateNode(node.left, discard), evaluateNode(node.right, discard), node.offset, discard);
  }
}

/** Evaluates a side whose outcome cannot change the result's truth unless it is known. */
function evaluateUncertain(node: ExpressionNode, discard: boolean): ExpressionValue {
  try {
    return evaluateNode(node, discard);
  } catch (error) {
    if (error instanceof EvaluationError) return unknown(null);
    throw error;
  }
}

function evaluateLogical(
  operator: "&&" | "||",
  leftNode: ExpressionNode,
  rightNode: ExpressionNode,
  offset: number,
  discard: boolean,
): ExpressionValue {
  const left = evaluateNode(leftNode, discard);
  const leftTruth = truthOf(left);
  if (leftTruth === null) {
    const right = evaluateUncertain(rightNode, discard);
    checkSameType(left, right, offset);
    const rightTruth = truthOf(right);
    if (operator === "&&" && rightTruth === false) return unknown(typeOf(right), false);
    if (operator === "||" && rightTruth === true) return unknown(typeOf(right), true);
    return unknown(typeOf(left) ?? typeOf(right));
  }
  const shortCircuit = operator === "&&" ? !leftTruth : leftTruth;
  const right = evaluateNode(rightNode, discard || shortCircuit);
  checkSameType(left, right, offset);
  return shortCircuit ? left : right;
}

function evaluateTernary(
  conditionNode: ExpressionNode,
  thenNode: ExpressionNode,
  otherwiseNode: ExpressionNode,
  discard: boolean,
): ExpressionValue {
  const condition = evaluateNode(conditionNode, discard);
  const truth = truthOf(condition);
  if (truth === null) {
    const then = evaluateUncertain(thenNode, discard);
    const otherwise = evaluateUncertain(otherwiseNode, discard);
    checkSameType(then, otherwise, thenNode.offset);
    const thenTruth = truthOf(then);
    return unknown(typeOf(then) ?? typeOf(otherwise), thenTruth === truthOf(otherwise) ? thenTruth : null);
  }
  const then = evaluateNode(thenNode, discard || !truth);
  const otherwise = evaluateNode(otherwiseNode, discard || truth);
  checkSameType(then, otherwise, thenNode.offset);
  return truth ? then : otherwise;
}

function evaluateArithmetic(
  operator: Exclude<BinaryOperator, "&&" | "||">,
  left: ExpressionValue,
  right: ExpressionValue,
  offset: number,
  discard: boolean,
): ExpressionValue {
  checkSameType(left, right, offset);
  const type = typeOf(left) ?? typeOf(right);
  const relational = operator !== "+" && operator !== "-" && operator !== "*" && operator !== "/";
  if (!relational) {
    if (type === "version") throw new EvaluationError(`${operator} not supported for versions`, offset);
    if (type === "string" && operator !== "+") throw new EvaluationError(`${operator} not supported for strings`, offset);
  }
  if (left.kind === "unknown" || right.kind === "unknown") return unknown(relational ? "integer" : type);

  let order = 0;
  if (left.kind === "integer" && right.kind === "integer") {
    const a = left.value;
    const b = right.value;
    switch (operator) {
      case "+":
        return { kind: "integer", value: (a + b) | 0 };
      case "-":
        return { kind: "integer", value: (a - b) | 0 };
      case "*":
        return { kind: "integer", value: discard ? a : Math.imul(a, b) };
      case "/":
        if (discard) return { kind: "integer", value: a };
        if (b === 0) throw new EvaluationError("division by zero", offset);
        return { kind: "integer", value: Math.trunc(a / b) | 0 };
    }
    // rpm compares integers by the sign of their C int difference.
    order = Math.sign((a - b) | 0);
  } else if (left.kind === "string" && right.kind === "string") {
    if (operator === "+") return { kind: "string", value: left.value + right.value };
    order = compareCodePoints(left.value, right.value);
  } else if (left.kind === "version" && right.kind === "version") {
    order = compareEvr(left.value, right.value);
  }
  let result: boolean;
  switch (operator) {
    case "==":
      result = order === 0;
      break;
    case "!=":
      result = order !== 0;
      break;
    case "<":
      result = order < 0;
      break;
    case "<=":
      result = order <= 0;
      break;
    case ">":
      result = order > 0;
      break;
    default:
      result = order >= 0;
      break;
  }
  return { kind: "integer", value: result ? 1 : 0 };
}

/** Evaluates a parsed expression; errors are the ones rpm reports (and so fails the build). */
export function evaluateExpression(ast: ExpressionNode): ExpressionResult {
  try {
    return { value: evaluateNode(ast, false), error: null };
  } catch (error) {
    if (error instanceof EvaluationError) return { value: null, error: { message: error.message, offset: error.offset } };
    throw error;
  }
}

const resultCache = new Map<string, ExpressionResult>();
const RESULT_CACHE_LIMIT = 4096;

// Two thirds of the conditions in the corpus expand to a number, maybe in parentheses
// (`%if %{with tests}`, `%if 0%{?fedora}`): they are read without the grammar, which costs
// ~30 ms to build the first time, in a process that may lint only one spec.
const PLAIN_NUMBER = /^[ \t\n\r\v\f]*(?:([0-9]+)|\([ \t\n\r\v\f]*([0-9]+)[ \t\n\r\v\f]*\))[ \t\n\r\v\f]*$/;

/** Parses and evaluates expanded expression text; results are memoised across specs. */
export function evaluateExpressionText(text: string): ExpressionResult {
  const cached = resultCache.get(text);
  if (cached !== undefined) return cached;
  const number = PLAIN_NUMBER.exec(text);
  if (number !== null) return { value: { kind: "integer", value: atoi(number[1] ?? number[2]!) }, error: null };
  const parsed = parseExpression(text);
  const result: ExpressionResult = parsed.error !== null ? { value: null, error: parsed.error } : evaluateExpression(parsed.ast);
  if (resultCache.size >= RESULT_CACHE_LIMIT) resultCache.clear();
  resultCache.set(text, result);
  return result;
}

/** The text rpm prints for an expression's value (`%[…]`, `%{expr:…}`); null when unknown. */
export function formatExpressionValue(value: ExpressionValue): string | null {
  switch (value.kind) {
    case "integer":
      return String(value.value);
    case "string":
    case "version":
      return value.value;
    case "unknown":
      return null;
  }
}
