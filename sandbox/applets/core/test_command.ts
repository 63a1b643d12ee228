/**
 * `test EXPRESSION` and `[ EXPRESSION ]`, following busybox's coreutils/test.c: recursive descent
 * over `-o`, `-a`, `!` and parentheses, with POSIX's rule that a lone argument is true when
 * non-empty. Errors exit 2 with busybox's wording ("bad number", "unknown operand", "missing ]").
 * Exported for the shell's builtins.
 *
 * @module
 */
import type { ProcessContext, Stat } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { appletName, warn } from "../common/errors.ts";

const UNARY = new Set([
  "-e",
  "-f",
  "-d",
  "-h",
  "-L",
  "-r",
  "-w",
  "-x",
  "-s",
  "-b",
  "-c",
  "-p",
  "-S",
  "-t",
  "-u",
  "-g",
  "-k",
  "-O",
  "-G",
  "-z",
  "-n",
]);
const BINARY = new Set([
  "=",
  "==",
  "!=",
  "<",
  ">",
  "-eq",
  "-ne",
  "-lt",
  "-le",
  "-gt",
  "-ge",
  "-nt",
  "-ot",
  "-ef",
]);

class TestError extends Error {}

class Evaluator {
  pos = 0;
  constructor(readonly ctx: ProcessContext, readonly tokens: string[]) {}

  peek(offset = 0): string | undefined {
    return this.tokens[this.pos + offset];
  }

  async orExpr(): Promise<boolean> {
    let value = await this.andExpr();
    while (this.peek() === "-o") {
      this.pos++;
      const right = await this.andExpr();
      value = value || right;
    }
    return value;
  }

  async andExpr(): Promise<boolean> {
    let value = await this.notExpr();
    while (this.peek() === "-a") {
      this.pos++;
      const right = await this.notExpr();
      value = value && right;
    }
    return value;
  }

  async notExpr(): Promise<boolean> {
    if (this.peek() === "!" && this.pos + 1 < this.tokens.length) {
      this.pos++;
      return !(await this.notExpr());
    }
    return await this.primary();
  }

  async primary(): Promise<boolean> {
    const token = this.peek();
    if (token === undefined) throw new TestError("argument expected");
    const op = this.peek(1);
    if (op !== undefined && BINARY.has(op) && this.pos + 2 < this.tokens.length) {
      this.pos += 3;
      return await this.binary(token, op, this.tokens[this.pos - 1]);
    }
    if (token === "(" && this.pos + 1 < this.tokens.length) {
      this.pos++;
      const value = await this.orExpr();
      if (this.peek() !== ")") throw new TestError("closing paren expected");
      this.pos++;
      return value;
    }
    if (UNARY.has(token) && this.pos + 1 < this.tokens.length) {
      this.pos += 2;
      return await this.unary(token, this.tokens[this.pos - 1]);
    }
    if (op !== undefined && BINARY.has(op)) throw new TestError(`${op}: argument expected`);
    this.pos++;
    return token !== "";
  }

  async stat(name: string, follow = true): Promise<Stat | undefined> {
    try {
      return await this.ctx.fs.stat(resolvePath(this.ctx.cwd, name), { follow });
    } catch {
      if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
      return undefined;
    }
  }

  access(stat: Stat, bit: number): boolean {
    if (this.ctx.uid === 0) {
      if (bit !== 1) return true;
      return stat.kind === "dir" || (stat.mode & 0o111) !== 0;
    }
    if (stat.uid === this.ctx.uid) return (stat.mode & (bit << 6)) !== 0;
    if (stat.gid === this.ctx.gid) return (stat.mode & (bit << 3)) !== 0;
    return (stat.mode & bit) !== 0;
  }

  async unary(op: string, arg: string): Promise<boolean> {
    if (op === "-z") return arg === "";
    if (op === "-n") return arg !== "";
    if (op === "-t") return /^\d+$/.test(arg) && this.ctx.tty?.[Number(arg)] === true;
    const stat = await this.stat(arg, op !== "-h" && op !== "-L");
    if (!stat) return false;
    switch (op) {
      case "-e":
        return true;
      case "-f":
        return stat.kind === "file";
      case "-d":
        return stat.kind === "dir";
      case "-h":
      case "-L":
        return stat.kind === "symlink";
      case "-c":
        return stat.kind === "chardev";
      case "-p":
        return stat.kind === "fifo";
      case "-b":
      case "-S":
        return false; // the sandbox filesystem has no block devices or sockets
      case "-s":
        return stat.size > 0;
      case "-r":
        return this.access(stat, 4);
      case "-w":
        return this.access(stat, 2);
      case "-x":
        return this.access(stat, 1);
      case "-u":
        return (stat.mode & 0o4000) !== 0;
      case "-g":
        return (stat.mode & 0o2000) !== 0;
      case "-k":
        return (stat.mode & 0o1000) !== 0;
      case "-O":
        return stat.uid === this.ctx.uid;
      case "-G":
        return stat.gid === this.ctx.gid;
    }
    return false;
  }

  number(text: string): bigint {
    const trimmed = text.trim();
    if (!/^[-+]?\d+$/.test(trimmed)) throw new TestError(`${text}: bad number`);
    const n = BigInt(trimmed);
    if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) {
      throw new TestError(`${text}: out of range`);
    }
    return n;
  }

  async binary(left: string, op: string, right: string): Promise<boolean> {
    switch (op) {
      case "=":
      case "==":
        return left === right;
      case "!=":
        return left !== right;
      case "<":
        return left < right;
      case ">":
        return left > right;
      case "-eq":
        return this.number(left) === this.number(right);
      case "-ne":
        return this.number(left) !== this.number(right);
      case "-lt":
        return this.number(left) < this.number(right);
      case "-le":
        return this.number(left) <= this.number(right);
      case "-gt":
        return this.number(left) > this.number(right);
      case "-ge":
        return this.number(left) >= this.number(right);
    }
    const a = await this.stat(left);
    const b = await this.stat(right);
    if (op === "-ef") return !!a && !!b && a.ino === b.ino;
    // Like busybox, both files must exist for -nt and -ot.
    if (!a || !b) return false;
    return op === "-nt" ? a.mtimeMs > b.mtimeMs : a.mtimeMs < b.mtimeMs;
  }
}

/** Evaluates a test expression (without the closing "]"): 0 true, 1 false, 2 error. */
export async function evaluateTest(ctx: ProcessContext, tokens: string[]): Promise<number> {
  if (tokens.length === 0) return 1;
  const evaluator = new Evaluator(ctx, tokens);
  try {
    const value = await evaluator.orExpr();
    if (evaluator.pos < tokens.length) {
      throw new TestError(`${tokens[evaluator.pos]}: unknown operand`);
    }
    return value ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TestError)) throw error;
    await warn(ctx, error.message);
    return 2;
  }
}

/** `test` and `[`: the bracket form requires a closing "]". */
export async function test(ctx: ProcessContext): Promise<number> {
  const tokens = ctx.argv.slice(1);
  if (appletName(ctx) === "[") {
    if (tokens[tokens.length - 1] !== "]") {
      await warn(ctx, "missing ]");
      return 2;
    }
    tokens.pop();
  }
  return await evaluateTest(ctx, tokens);
}
