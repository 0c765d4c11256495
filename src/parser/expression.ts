/**
 * rpm's expression language (`%if` conditions, `%[…]`, `%{expr:…}`) as a chevrotain grammar.
 *
 * rpm expands macros in a `%if` line before it parses the condition, so this grammar reads
 * already-expanded text. A part of that text that could not be expanded statically is written as
 * `UNKNOWN_MARK`; a literal containing the mark (`0<mark>`, `"<mark>"`) and a bare mark are
 * operands of unknown value.
 *
 * The grammar follows rpmio/expression.c: from loosest to tightest binding, the ternary `? :`
 * (right-associative), `&&` and `||` (one level, left to right), the six comparisons (one level),
 * `+ -`, `* /`, then unary `-` and `!` applied to a primary. Operands are decimal integers,
 * `"strings"` (no escapes) and `v"versions"`; `name(args)` calls a Lua function (`lua:f(…)`); any
 * other bare word is an error, as in rpm. rpm has no `and`/`or` keywords in expressions: they are
 * bare words there, and so an error here too.
 *
 * Parsing never throws: errors are returned with the offset of the offending text.
 */
import { EmbeddedActionsParser, Lexer, createToken, type IToken, type TokenType } from "chevrotain";
import { builtOnFirstUse } from "./built-on-first-use.js";

/** Stands for a piece of the condition text whose expansion is not known statically. */
export const UNKNOWN_MARK = "\uE000";

export type LiteralType = "integer" | "string" | "version";

export type ExpressionNode =
  | { type: "integer"; text: string; offset: number }
  | { type: "string"; value: string; offset: number }
  | { type: "version"; value: string; offset: number }
  /** An operand containing `UNKNOWN_MARK`; `literal` is what it would have been lexed as. */
  | { type: "unknown"; literal: LiteralType | null; offset: number }
  | { type: "unary"; operator: "!" | "-"; operand: ExpressionNode; offset: number }
  | { type: "binary"; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode; offset: number }
  | { type: "ternary"; condition: ExpressionNode; then: ExpressionNode; otherwise: ExpressionNode; offset: number }
  | { type: "call"; name: string; args: ExpressionNode[]; offset: number }
  /** Something rpm rejects when it reads it (a bare word); evaluating it is an error. */
  | { type: "invalid"; message: string; offset: number };

export type BinaryOperator = "&&" | "||" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/";

export interface ExpressionError {
  message: string;
  /** Offset into the parsed text. */
  offset: number;
}

export type ExpressionParse = { ast: ExpressionNode; error: null } | { ast: null; error: ExpressionError };

const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\n\r\v\f]+/, group: Lexer.SKIPPED });
const VersionLiteral = createToken({ name: "VersionLiteral", pattern: /v"[^"]*"/ });
const StringLiteral = createToken({ name: "StringLiteral", pattern: /"[^"]*"/ });
const Operand = createToken({ name: "Operand", pattern: /[0-9\uE000]+/ });
const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_.:]*/ });
const AndAnd = createToken({ name: "AndAnd", pattern: /&&/ });
const OrOr = createToken({ name: "OrOr", pattern: /\|\|/ });
const Equal = createToken({ name: "Equal", pattern: /==/ });
const NotEqual = createToken({ name: "NotEqual", pattern: /!=/ });
const LessEqual = createToken({ name: "LessEqual", pattern: /<=/ });
const GreaterEqual = createToken({ name: "GreaterEqual", pattern: />=/ });
const Less = createToken({ name: "Less", pattern: /</ });
const Greater = createToken({ name: "Greater", pattern: />/ });
const Not = createToken({ name: "Not", pattern: /!/ });
const Plus = createToken({ name: "Plus", pattern: /\+/ });
const Minus = createToken({ name: "Minus", pattern: /-/ });
const Times = createToken({ name: "Times", pattern: /\*/ });
const Divide = createToken({ name: "Divide", pattern: /\// });
const LParen = createToken({ name: "LParen", pattern: /\(/ });
const RParen = createToken({ name: "RParen", pattern: /\)/ });
const Question = createToken({ name: "Question", pattern: /\?/ });
const Colon = createToken({ name: "Colon", pattern: /:/ });
const Comma = createToken({ name: "Comma", pattern: /,/ });

const allTokens: TokenType[] = [
  WhiteSpace,
  VersionLiteral,
  StringLiteral,
  Operand,
  Identifier,
  AndAnd,
  OrOr,
  Equal,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Not,
  Plus,
  Minus,
  Times,
  Divide,
  LParen,
  RParen,
  Question,
  Colon,
  Comma,
];

const relationalOperators = new Map<TokenType, BinaryOperator>([
  [Equal, "=="],
  [NotEqual, "!="],
  [Less, "<"],
  [LessEqual, "<="],
  [Greater, ">"],
  [GreaterEqual, ">="],
]);

class ExpressionParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  public readonly ternary: () => ExpressionNode = this.RULE("ternary", (): ExpressionNode => {
    let node = this.SUBRULE(this.logical);
    this.OPTION(() => {
      const question = this.CONSUME(Question);
      const then = this.SUBRULE1(this.ternary);
      this.CONSUME(Colon);
      const otherwise = this.SUBRULE2(this.ternary);
      const condition = node;
      node = this.ACTION(() => ({
        type: "ternary" as const,
        condition,
        then,
        otherwise,
        offset: question.startOffset,
      }));
    });
    return node;
  });

  private readonly logical: () => ExpressionNode = this.RULE("logical", (): ExpressionNode => {
    let node = this.SUBRULE(this.relational);
    this.MANY(() => {
      const operator = this.OR([{ ALT: () => this.CONSUME(AndAnd) }, { ALT: () => this.CONSUME(OrOr) }]);
      const right = this.SUBRULE1(this.relational);
      const left = node;
      node = this.ACTION(() => ({
        type: "binary" as const,
        operator: (operator.tokenType === AndAnd ? "&&" : "||") as BinaryOperator,
        left,
        right,
        offset: operator.startOffset,
      }));
    });
    return node;
  });

  private readonly relational: () => ExpressionNode = this.RULE("relational", (): ExpressionNode => {
    let node = this.SUBRULE(this.additive);
    this.MANY(() => {
      const operator = this.OR([
        { ALT: () => this.CONSUME(Equal) },
        { ALT: () => this.CONSUME(NotEqual) },
        { ALT: () => this.CONSUME(LessEqual) },
        { ALT: () => this.CONSUME(GreaterEqual) },
        { ALT: () => this.CONSUME(Less) },
        { ALT: () => this.CONSUME(Greater) },
      ]);
      const right = this.SUBRULE1(this.additive);
      const left = node;
      node = this.ACTION(() => ({
        type: "binary" as const,
        operator: relationalOperators.get(operator.tokenType)!,
        left,
        right,
        offset: operator.startOffset,
      }));
    });
    return node;
  });

  private readonly additive: () => ExpressionNode = this.RULE("additive", (): ExpressionNode => {
    let node = this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      const operator = this.OR([{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Minus) }]);
      const right = this.SUBRULE1(this.multiplicative);
      const left = node;
      node = this.ACTION(() => ({
        type: "binary" as const,
        operator: (operator.tokenType === Plus ? "+" : "-") as BinaryOperator,
        left,
        right,
        offset: operator.startOffset,
      }));
    });
    return node;
  });

  private readonly multiplicative: () => ExpressionNode = this.RULE("multiplicative", (): ExpressionNode => {
    let node = this.SUBRULE(this.unary);
    this.MANY(() => {
      const operator = this.OR([{ ALT: () => this.CONSUME(Times) }, { ALT: () => this.CONSUME(Divide) }]);
      const right = this.SUBRULE1(this.unary);
      const left = node;
      node = this.ACTION(() => ({
        type: "binary" as const,
        operator: (operator.tokenType === Times ? "*" : "/") as BinaryOperator,
        left,
        right,
        offset: operator.startOffset,
      }));
    });
    return node;
  });

  private readonly unary: () => ExpressionNode = this.RULE("unary", (): ExpressionNode => {
    return this.OR([
      {
        ALT: () => {
          const operator = this.CONSUME(Not);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION(() => ({
            type: "unary" as const,
            operator: "!" as const,
            operand,
            offset: operator.startOffset,
          }));
        },
      },
      {
        ALT: () => {
          const operator = this.CONSUME(Minus);
          const operand = this.SUBRULE1(this.unary);
          return this.ACTION(() => ({
            type: "unary" as const,
            operator: "-" as const,
            operand,
            offset: operator.startOffset,
          }));
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  private readonly primary: () => ExpressionNode = this.RULE("primary", (): ExpressionNode => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen);
          const inner = this.SUBRULE(this.ternary);
          this.CONSUME(RParen);
          return inner;
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(Operand);
          return this.ACTION(() => operandNode(token));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(StringLiteral);
          return this.ACTION(() => stringNode(token));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(VersionLiteral);
          return this.ACTION(() => versionNode(token));
        },
      },
      { ALT: () => this.SUBRULE(this.word) },
    ]);
  });

  /** A Lua function call `lua:name(args)`; any other bare word is an error, as in rpm. */
  private readonly word: () => ExpressionNode = this.RULE("word", (): ExpressionNode => {
    const name = this.CONSUME(Identifier);
    let call: ExpressionNode[] | null = null;
    this.OPTION({
      GATE: () => {
        const next = this.LA(1);
        return next.tokenType === LParen && next.startOffset === name.startOffset + name.image.length;
      },
      DEF: () => {
        this.CONSUME(LParen);
        const args: ExpressionNode[] = [];
        this.OPTION1(() => {
          args.push(this.SUBRULE(this.ternary));
          this.MANY(() => {
            this.CONSUME(Comma);
            args.push(this.SUBRULE1(this.ternary));
          });
        });
        this.CONSUME(RParen);
        call = args;
      },
    });
    return this.ACTION(() =>
      call === null
        ? {
            type: "invalid" as const,
            message: `bare words are no longer supported, please use "...": ${name.image}`,
            offset: name.startOffset,
          }
        : { type: "call" as const, name: name.image, args: call, offset: name.startOffset },
    );
  });
}

function operandNode(token: IToken): ExpressionNode {
  if (token.image.includes(UNKNOWN_MARK)) {
    return { type: "unknown", literal: /[0-9]/.test(token.image) ? "integer" : null, offset: token.startOffset };
  }
  return { type: "integer", text: token.image, offset: token.startOffset };
}

function stringNode(token: IToken): ExpressionNode {
  const value = token.image.slice(1, -1);
  if (value.includes(UNKNOWN_MARK)) return { type: "unknown", literal: "string", offset: token.startOffset };
  return { type: "string", value, offset: token.startOffset };
}

function versionNode(token: IToken): ExpressionNode {
  const value = token.image.slice(2, -1);
  if (value.includes(UNKNOWN_MARK)) return { type: "unknown", literal: "version", offset: token.startOffset };
  return { type: "version", value, offset: token.startOffset };
}

/** Built when a condition first needs them (~35 ms): specs without `%if` never do. */
const expressionGrammar = builtOnFirstUse(() => ({
  lexer: new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true }),
  parser: new ExpressionParser(),
}));

function lexerErrorMessage(text: string, offset: number): string {
  switch (text[offset]) {
    case "=":
      return "syntax error while parsing ==";
    case "&":
      return "syntax error while parsing &&";
    case "|":
      return "syntax error while parsing ||";
    case '"':
      return "unterminated string in expression";
    case "v":
      return "unterminated string in expression";
    default:
      return "parse error in expression";
  }
}

/**
 * Deeper or longer expressions are reported instead of parsed: the grammar recurses once per
 * parenthesis, unary operator and `?`, and evaluation once per binary operator, so 100,000 of
 * them overflowed the stack. No spec comes near either limit.
 */
const MAX_NESTING = 100;
const MAX_BINARY_OPERATORS = 1_000;

/**
 * The error at the token where the expression passes `MAX_NESTING` or `MAX_BINARY_OPERATORS`,
 * or null. The depth counts open parentheses, every `?` and, per parenthesis level, the unary
 * operators still waiting for their operand: an upper bound of the parser's recursion.
 */
function nestingLimitExceeded(tokens: readonly IToken[]): ExpressionError | null {
  const pendingUnary: number[] = [0];
  let depth = 0;
  let binaryOperators = 0;
  let afterOperand = false;
  for (const token of tokens) {
    const type = token.tokenType;
    if (type === LParen) {
      pendingUnary.push(0);
      depth++;
      afterOperand = false;
    } else if (type === RParen) {
      if (pendingUnary.length > 1) depth -= 1 + pendingUnary.pop()!;
      depth -= pendingUnary[pendingUnary.length - 1]!;
      pendingUnary[pendingUnary.length - 1] = 0;
      afterOperand = true;
    } else if (type === Not || (type === Minus && !afterOperand)) {
      pendingUnary[pendingUnary.length - 1]!++;
      depth++;
    } else if (type === Question) {
      depth++;
      afterOperand = false;
    } else if (type === Operand || type === StringLiteral || type === VersionLiteral || type === Identifier) {
      depth -= pendingUnary[pendingUnary.length - 1]!;
      pendingUnary[pendingUnary.length - 1] = 0;
      afterOperand = true;
    } else {
      if (type !== Comma && type !== Colon) binaryOperators++;
      afterOperand = false;
    }
    if (depth > MAX_NESTING) {
      return { message: `expression nested more than ${MAX_NESTING} levels deep`, offset: token.startOffset };
    }
    if (binaryOperators > MAX_BINARY_OPERATORS) {
      return { message: `expression with more than ${MAX_BINARY_OPERATORS} operators`, offset: token.startOffset };
    }
  }
  return null;
}

/** Parses an (already macro-expanded) expression. */
export function parseExpression(text: string): ExpressionParse {
  const { lexer, parser } = expressionGrammar();
  const lexed = lexer.tokenize(text);
  const lexError = lexed.errors[0];
  if (lexError !== undefined) {
    return { ast: null, error: { message: lexerErrorMessage(text, lexError.offset), offset: lexError.offset } };
  }
  if (lexed.tokens.length === 0) {
    return { ast: null, error: { message: "unexpected end of expression", offset: text.length } };
  }
  const tooDeep = nestingLimitExceeded(lexed.tokens);
  if (tooDeep !== null) {
    return { ast: null, error: tooDeep };
  }
  parser.input = lexed.tokens;
  const ast = parser.ternary();
  const parseError = parser.errors[0];
  if (parseError !== undefined) {
    const offset = Number.isNaN(parseError.token.startOffset) ? text.length : parseError.token.startOffset;
    const atEnd = parseError.token.tokenType.name === "EOF";
    return {
      ast: null,
      error: { message: atEnd ? "unexpected end of expression" : "syntax error in expression", offset },
    };
  }
  return { ast, error: null };
}
