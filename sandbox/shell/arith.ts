/**
 * Arithmetic expansion `$(( ))`, `(( ))`, `let` and array indexes, evaluated over mvdan-sh's
 * arithmetic tree. Values are 64-bit-like integers held in JS numbers; variables whose values are
 * expressions are evaluated recursively, as bash and ash do.
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
 * order; the evaluation itself is synchronous, which keeps loops like `i=$((i+1))` cheap.
 */
export async function evalArith(node: Node | null, host: ArithHost): Promise<number> {
  if (!node) return 0;
  let expanded: Map<Node, string> | undefined;
  for (const leaf of wordLeaves(node)) {
    if (host.plainText(leaf) === undefined) {
      expanded ??= new Map();
      expanded.set(leaf, await host.expandWord(leaf));
    }
  }
  return evaluate(node, host, expanded, 0);
}

/** Evaluates arithmetic source text, e.g. a variable holding "1+2", or a `let` argument. */
export function evalArithText(text: string, host: ArithHost, depth = 0): number {
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
): number {
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
export function parseNumber(text: string): number | undefined {
  if (isDecimal(text)) return Number(text);
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (/^[0-9]+$/.test(s)) {
    return sign * (s.length > 1 && s[0] === "0" ? parseIntStrict(s.slice(1), 8) : Number(s));
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return sign * parseInt(s.slice(2), 16);
  const hash = s.indexOf("#");
  if (hash > 0 && /^[0-9]+$/.test(s.slice(0, hash))) {
    return sign * parseIntStrict(s.slice(hash + 1), Number(s.slice(0, hash)));
  }
  return undefined;
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

function parseIntStrict(digits: string, base: number): number {
  let value = 0;
  for (const c of digits) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) throw new ExpansionError(`arithmetic syntax error`);
    value = value * base + d;
  }
  return value;
}

function wordValue(
  word: Node,
  host: ArithHost,
  expanded: Map<Node, string> | undefined,
  depth: number,
): number {
  const text = leafText(word, host, expanded);
  if (NAME.test(text)) return variableValue(text, host, depth);
  return evalArithText(text, host, depth);
}

function variableValue(name: string, host: ArithHost, depth: number): number {
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
): number {
  const op = node.Op as string;
  if (op === "++" || op === "--") {
    const name = target(node.X, host, expanded);
    const old = variableValue(name, host, depth);
    const next = op === "++" ? old + 1 : old - 1;
    host.setVar(name, String(next));
    return node.Post ? old : next;
  }
  const x = evaluate(node.X, host, expanded, depth);
  switch (op) {
    case "!":
      return x === 0 ? 1 : 0;
    case "~":
      return ~x;
    case "-":
      return -x;
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
): number {
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

function apply(op: string, x: number, y: number): number {
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return Number(BigInt.asIntN(64, BigInt(x) * BigInt(y)));
    case "/":
      if (y === 0) throw new ExpansionError("divide by zero");
      return Math.trunc(x / y);
    case "%":
      if (y === 0) throw new ExpansionError("divide by zero");
      return x % y;
    case "**":
      if (y < 0) throw new ExpansionError("exponent less than 0");
      return Number(BigInt.asIntN(64, BigInt(x) ** BigInt(y)));
    case "<<":
      return Number(BigInt.asIntN(64, BigInt(x) << BigInt(y)));
    case ">>":
      return Number(BigInt(x) >> BigInt(y));
    case "&":
      return Number(BigInt(x) & BigInt(y));
    case "|":
      return Number(BigInt(x) | BigInt(y));
    case "^":
      return Number(BigInt(x) ^ BigInt(y));
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
  throw new ExpansionError(`arithmetic syntax error: ${op}`);
}
