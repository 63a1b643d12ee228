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
  /** Expands a Word in arithmetic context to its text (no splitting). */
  wordText(word: Node): Promise<string>;
  getVar(name: string, index?: number): string | undefined;
  setVar(name: string, value: string, index?: number): void;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Evaluates an arithmetic tree node. */
export async function evalArith(node: Node | null, host: ArithHost, depth = 0): Promise<number> {
  if (!node) return 0;
  switch (node.type) {
    case "Word":
      return await wordValue(node, host, depth);
    case "ParenArithm":
      return await evalArith(node.X, host, depth);
    case "UnaryArithm":
      return await unary(node, host, depth);
    case "BinaryArithm":
      return await binary(node, host, depth);
    default:
      throw new ExpansionError(`arithmetic syntax error`);
  }
}

/** Evaluates arithmetic source text, e.g. a variable holding "1+2". */
export async function evalArithText(text: string, host: ArithHost, depth = 0): Promise<number> {
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
  return await evalArith(x, host, depth + 1);
}

/** Parses an integer constant: decimal, 0x hex, 0 octal, or base#digits. */
export function parseNumber(text: string): number | undefined {
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

function parseIntStrict(digits: string, base: number): number {
  let value = 0;
  for (const c of digits) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) throw new ExpansionError(`arithmetic syntax error`);
    value = value * base + d;
  }
  return value;
}

async function wordValue(word: Node, host: ArithHost, depth: number): Promise<number> {
  const text = await host.wordText(word);
  if (NAME.test(text)) return await variableValue(text, host, depth);
  return await evalArithText(text, host, depth);
}

async function variableValue(name: string, host: ArithHost, depth: number): Promise<number> {
  const value = host.getVar(name);
  if (value === undefined || value === "") return 0;
  if (depth > 64) throw new ExpansionError(`${name}: expression recursion level exceeded`);
  return await evalArithText(value, host, depth + 1);
}

/** The variable an assignment or ++/-- targets: a plain name Word, or name[index]. */
async function target(node: Node, host: ArithHost): Promise<{ name: string; index?: number }> {
  if (node.type === "Word") {
    const text = await host.wordText(node);
    if (NAME.test(text)) return { name: text };
  }
  throw new ExpansionError(`arithmetic syntax error: assignment to non-variable`);
}

async function unary(node: Node, host: ArithHost, depth: number): Promise<number> {
  const op = node.Op as string;
  if (op === "++" || op === "--") {
    const t = await target(node.X, host);
    const old = await variableValue(t.name, host, depth);
    const next = op === "++" ? old + 1 : old - 1;
    host.setVar(t.name, String(next));
    return node.Post ? old : next;
  }
  const x = await evalArith(node.X, host, depth);
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

async function binary(node: Node, host: ArithHost, depth: number): Promise<number> {
  const op = node.Op as string;
  if (ASSIGN_OPS.has(op)) {
    const t = await target(node.X, host);
    const y = await evalArith(node.Y, host, depth);
    const value = op === "="
      ? y
      : apply(op.slice(0, -1), await variableValue(t.name, host, depth), y);
    host.setVar(t.name, String(value));
    return value;
  }
  if (op === "&&") {
    return (await evalArith(node.X, host, depth)) !== 0 &&
        (await evalArith(node.Y, host, depth)) !== 0
      ? 1
      : 0;
  }
  if (op === "||") {
    return (await evalArith(node.X, host, depth)) !== 0 ||
        (await evalArith(node.Y, host, depth)) !== 0
      ? 1
      : 0;
  }
  if (op === "?") {
    const cond = await evalArith(node.X, host, depth);
    const branches = node.Y as Node;
    if (branches.type !== "BinaryArithm" || branches.Op !== ":") {
      throw new ExpansionError(`arithmetic syntax error: expecting ':'`);
    }
    return await evalArith(cond !== 0 ? branches.X : branches.Y, host, depth);
  }
  if (op === ",") {
    await evalArith(node.X, host, depth);
    return await evalArith(node.Y, host, depth);
  }
  return apply(op, await evalArith(node.X, host, depth), await evalArith(node.Y, host, depth));
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
