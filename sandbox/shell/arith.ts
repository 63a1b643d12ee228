/**
 * Arithmetic expansion `$(( ))`, `(( ))`, `let` and array indexes, evaluated over mvdan-sh's
 * arithmetic tree. Values are 64-bit integers (JS numbers while exact, bigints beyond 2^53);
 * variables whose values are expressions are evaluated recursively, as bash and ash do.
 *
 * @module
 */
import type { Node } from "./ast.ts";
import { parseShell } from "./parse.ts";

/** A fatal expansion error: the shell prints it and a non-interactive shell exits with 2. */
export class ExpansionError extends Error {
  constructor(message: string, readonly status = 2) {
    super(message);
    this.name = "ExpansionError";
  }
}

/** An arithmetic value: a number while exact, a bigint beyond 2^53 (64-bit like ash's). */
export type ShellInt = number | bigint;

/** What arithmetic needs from the shell. */
export interface ArithHost {
  /** A Word leaf's text when it needs no command substitution (literals, `$x`), else undefined. */
  plainText(word: Node): string | undefined;
  /** Fully expands a Word leaf (command substitution and all). */
  expandWord(word: Node): Promise<string>;
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const leafCache = new WeakMap<Node, Node[]>();

/** The Word leaves of an arithmetic tree, left to right. */
function wordLeaves(node: Node | null): Node[] {
  if (!node) return [];
  const cached = leafCache.get(node);
  if (cached) return cached;
  let leaves: Node[];
  if (node.type === "Word") leaves = [node];
  else leaves = [...wordLeaves(node.X ?? null), ...wordLeaves(node.Y ?? null)];
  leafCache.set(node, leaves);
  return leaves;
}

/**
 * Evaluates an arithmetic tree. Words that need command substitution are expanded first, in
 * order; the evaluation itself is synchronous, which keeps loops like `i=$((i+1))` cheap. When an
 * expansion yields an expression rather than a number or a name (`x=2+3; $(($x * 2))`), the
 * expression is re-read as text, as shells substitute before they parse: that gives 8, not 10.
 */
export async function evalArith(node: Node | null, host: ArithHost): Promise<ShellInt> {
  if (!node) return 0;
  let expanded: Map<Node, string> | undefined;
  let textual = false;
  for (const leaf of wordLeaves(node)) {
    const plain = host.plainText(leaf);
    const text = plain ?? await host.expandWord(leaf);
    if (plain === undefined) {
      expanded ??= new Map();
      expanded.set(leaf, text);
    }
    if (!textual && hasExpansion(leaf) && !simpleOperand(text)) textual = true;
  }
  if (textual) {
    return evalArithText(render(node, (leaf) => leafText(leaf, host, expanded)), host);
  }
  return evaluate(node, host, expanded, 0);
}

function hasExpansion(word: Node): boolean {
  return word.Parts.some((p: Node) => p.type !== "Lit");
}

function simpleOperand(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === "" || NAME.test(trimmed) || isDecimal(trimmed);
}

/** The expression's tokens back as text (parentheses only where written), leaves substituted. */
function render(node: Node, leaf: (word: Node) => string): string {
  switch (node.type) {
    case "Word":
      return leaf(node);
    case "ParenArithm":
      return `(${render(node.X, leaf)})`;
    case "UnaryArithm":
      return node.Post ? `${render(node.X, leaf)}${node.Op}` : `${node.Op}${render(node.X, leaf)}`;
    case "BinaryArithm":
      return `${render(node.X, leaf)} ${node.Op} ${render(node.Y, leaf)}`;
  }
  throw new ExpansionError(`arithmetic syntax error`);
}

/** Evaluates arithmetic source text, e.g. a variable holding "1+2", or a `let` argument. */
export function evalArithText(text: string, host: ArithHost, depth = 0): ShellInt {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  const n = parseNumber(trimmed);
  if (n !== undefined) return n;
  if (depth > 64) throw new ExpansionError(`${text}: expression recursion level exceeded`);
  let stmt;
  try {
    stmt = parseShell(`((${trimmed}\n))`).Stmts[0];
  } catch {
    throw new ExpansionError(`arithmetic syntax error`);
  }
  if (!stmt || stmt.Cmd?.type !== "ArithmCmd") throw new ExpansionError(`arithmetic syntax error`);
  const x = stmt.Cmd.X as Node;
  // A lone word that is neither a number nor a name (`0x`, `1a`) is not an expression.
  if (
    x.type === "Word" && x.Parts.length === 1 && x.Parts[0].type === "Lit" && !NAME.test(trimmed)
  ) {
    throw new ExpansionError(`arithmetic syntax error`);
  }
  return evaluate(x, host, undefined, depth + 1);
}

function evaluate(
  node: Node | null,
  host: ArithHost,
  expanded: Map<Node, string> | undefined,
  depth: number,
): ShellInt {
  if (!node) return 0;
  switch (node.type) {
    case "Word":
      return wordValue(node, host, expanded, depth);
    case "ParenArithm":
      return evaluate(node.X, host, expanded, depth);
    case "UnaryArithm":
      return unary(node, host, expanded, depth);
    case "BinaryArithm":
      return binary(node, host, expanded, depth);
    default:
      throw new ExpansionError(`arithmetic syntax error`);
  }
}

function leafText(word: Node, host: ArithHost, expanded: Map<Node, string> | undefined): string {
  const text = expanded?.get(word) ?? host.plainText(word);
  if (text === undefined) throw new ExpansionError(`arithmetic syntax error`);
  return text;
}

/** Parses an integer constant: decimal, 0x hex, 0 octal, or base#digits. */
export function parseNumber(text: string): ShellInt | undefined {
  if (isDecimal(text)) return Number(text);
  let s = text;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  let value: ShellInt | undefined;
  if (/^[0-9]+$/.test(s)) {
    value = s.length > 1 && s[0] === "0" ? parseDigits(s.slice(1), 8) : int(BigInt(s));
  } else if (/^0[xX][0-9a-fA-F]+$/.test(s)) value = int(BigInt(s));
  else {
    const hash = s.indexOf("#");
    if (hash > 0 && /^[0-9]+$/.test(s.slice(0, hash))) {
      value = parseDigits(s.slice(hash + 1), Number(s.slice(0, hash)));
    }
  }
  if (value === undefined) return undefined;
  return negative ? apply("-", 0, value) : value;
}

/** A plain decimal without a leading zero: the common case, checked without a RegExp. */
function isDecimal(text: string): boolean {
  if (text.length === 0 || text.length > 15 || (text[0] === "0" && text.length > 1)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Digits in `base` (2–64: 0-9, a-z, A-Z, @, _ as bash counts them), wrapped to 64 bits. */
function parseDigits(digits: string, base: number): ShellInt {
  if (digits === "" || base < 2 || base > 64) throw new ExpansionError(`arithmetic syntax error`);
  let value = 0n;
  for (const c of digits) {
    const d = digitValue(c, base);
    if (d === undefined || d >= base) throw new ExpansionError(`arithmetic syntax error`);
    value = value * BigInt(base) + BigInt(d);
  }
  return int(value);
}

function digitValue(c: string, base: number): number | undefined {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  // Up to base 36 letters are case-insensitive; above it upper case counts from 36.
  if (code >= 65 && code <= 90) return base <= 36 ? code - 65 + 10 : code - 65 + 36;
  if (c === "@") return 62;
  if (c === "_") return 63;
  return undefined;
}

function wordValue(
  word: Node,
  host: ArithHost,
  expanded: Map<Node, string> | undefined,
  depth: number,
): ShellInt {
  const text = leafText(word, host, expanded);
  if (NAME.test(text)) return variableValue(text, host, depth);
  return evalArithText(text, host, depth);
}

function variableValue(name: string, host: ArithHost, depth: number): ShellInt {
  const value = host.getVar(name);
  if (value === undefined || value === "") return 0;
  if (depth > 64) throw new ExpansionError(`${name}: expression recursion level exceeded`);
  return evalArithText(value, host, depth + 1);
}

/** The variable an assignment or ++/-- targets: a Word naming it. */
function target(node: Node, host: ArithHost, expanded: Map<Node, string> | undefined): string {
  if (node.type === "Word") {
    const text = leafText(node, host, expanded);
    if (NAME.test(text)) return text;
  }
  throw new ExpansionError(`arithmetic syntax error: assignment to non-variable`);
}

function unary(
  node: Node,
  host: ArithHost,
  expanded: Map<Node, string> | undefined,
  depth: number,
): ShellInt {
  const op = node.Op as string;
  if (op === "++" || op === "--") {
    const name = target(node.X, host, expanded);
    const old = variableValue(name, host, depth);
    const next = apply(op === "++" ? "+" : "-", old, 1);
    host.setVar(name, String(next));
    return node.Post ? old : next;
  }
  const x = evaluate(node.X, host, expanded, depth);
  switch (op) {
    case "!":
      return x === 0 ? 1 : 0;
    case "~":
      return int(~BigInt(x));
    case "-":
      return apply("-", 0, x);
    case "+":
      return x;
  }
  throw new ExpansionError(`arithmetic syntax error`);
}

const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="]);

function binary(
  node: Node,
  host: ArithHost,
  expanded: Map<Node, string> | undefined,
  depth: number,
): ShellInt {
  const op = node.Op as string;
  const x = () => evaluate(node.X, host, expanded, depth);
  const y = () => evaluate(node.Y, host, expanded, depth);
  if (ASSIGN_OPS.has(op)) {
    const name = target(node.X, host, expanded);
    const value = op === "=" ? y() : apply(op.slice(0, -1), variableValue(name, host, depth), y());
    host.setVar(name, String(value));
    return value;
  }
  if (op === "&&") return x() !== 0 && y() !== 0 ? 1 : 0;
  if (op === "||") return x() !== 0 || y() !== 0 ? 1 : 0;
  if (op === "?") {
    const cond = x();
    const branches = node.Y as Node;
    if (branches.type !== "BinaryArithm" || branches.Op !== ":") {
      throw new ExpansionError(`arithmetic syntax error: expecting ':'`);
    }
    return evaluate(cond !== 0 ? branches.X : branches.Y, host, expanded, depth);
  }
  if (op === ",") {
    x();
    return y();
  }
  return apply(op, x(), y());
}

/**
 * Applies a binary operator with ash's 64-bit wrap-around. Numbers stay JS numbers while exact;
 * beyond 2^53 the value is a bigint (normalised back to a number whenever it fits).
 */
function apply(op: string, x: ShellInt, y: ShellInt): ShellInt {
  if (typeof x === "number" && typeof y === "number") {
    switch (op) {
      case "+":
      case "-":
      case "*": {
        const r = op === "+" ? x + y : op === "-" ? x - y : x * y;
        if (Number.isSafeInteger(r)) return r;
        break;
      }
      case "/":
        if (y === 0) throw new ExpansionError("divide by zero");
        return Math.trunc(x / y);
      case "%":
        if (y === 0) throw new ExpansionError("divide by zero");
        return x % y;
      case "==":
        return x === y ? 1 : 0;
      case "!=":
        return x !== y ? 1 : 0;
      case "<":
        return x < y ? 1 : 0;
      case ">":
        return x > y ? 1 : 0;
      case "<=":
        return x <= y ? 1 : 0;
      case ">=":
        return x >= y ? 1 : 0;
    }
  }
  const a = BigInt(x);
  const b = BigInt(y);
  switch (op) {
    case "+":
      return int(a + b);
    case "-":
      return int(a - b);
    case "*":
      return int(a * b);
    case "/":
      if (b === 0n) throw new ExpansionError("divide by zero");
      return int(a / b);
    case "%":
      if (b === 0n) throw new ExpansionError("divide by zero");
      return int(a % b);
    case "**":
      if (b < 0n) throw new ExpansionError("exponent less than 0");
      return int(a ** b);
    case "<<":
      return int(a << (b & 63n));
    case ">>":
      return int(a >> (b & 63n));
    case "&":
      return int(a & b);
    case "|":
      return int(a | b);
    case "^":
      return int(a ^ b);
    case "==":
      return a === b ? 1 : 0;
    case "!=":
      return a !== b ? 1 : 0;
    case "<":
      return a < b ? 1 : 0;
    case ">":
      return a > b ? 1 : 0;
    case "<=":
      return a <= b ? 1 : 0;
    case ">=":
      return a >= b ? 1 : 0;
  }
  throw new ExpansionError(`arithmetic syntax error: ${op}`);
}

/** Wraps to 64 bits and returns a number when it is exact, as every value is kept. */
function int(value: bigint): ShellInt {
  const wrapped = BigInt.asIntN(64, value);
  return wrapped >= -MAX_SAFE && wrapped <= MAX_SAFE ? Number(wrapped) : wrapped;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
