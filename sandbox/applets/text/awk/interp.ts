/**
 * Evaluates an awk program: expressions, statements, user functions (scalars by value, arrays by
 * reference) and the builtins. `next`, `exit` and `return` unwind with small signal classes.
 *
 * @module
 */
import type { ProcessContext } from "../../../types.ts";
import { binary } from "../../common/bytes.ts";
import { die } from "../../common/errors.ts";
import type { BufferedWriter } from "../../common/output.ts";
import type { Expr, LValue, Program, Stmt } from "./ast.ts";
import { callFunction, LazySlot } from "./functions.ts";
import { awkRegex, Inputs, Outputs, Record, splitFields } from "./runtime.ts";
import { execute } from "./statements.ts";
import {
  compareValues,
  fromInput,
  StrNum,
  toBool,
  toNum,
  toStr,
  UNINIT,
  type Value,
} from "./values.ts";

export type AwkArray = Map<string, Value>;
export type Slot = { v: Value } | { a: AwkArray } | LazySlot;

export class Interpreter {
  globals = new Map<string, Value>();
  arrays = new Map<string, AwkArray>();
  frames: Map<string, Slot>[] = [];
  record: Record;
  outputs: Outputs;
  inputs: Inputs;
  /** Supplies the next main-input record for plain `getline`; set by the applet. */
  nextMainRecord: () => Promise<string | null> = () => Promise.resolve(null);
  randSeed = 0;
  prevSeed = 0;
  random = mulberry32(0);

  constructor(
    readonly program: Program,
    readonly ctx: ProcessContext,
    stdout: BufferedWriter,
    stderr: BufferedWriter,
  ) {
    this.record = new Record(
      () => this.str("FS"),
      () => this.str("OFS"),
      () => this.str("CONVFMT"),
    );
    this.outputs = new Outputs(ctx, stdout, stderr);
    this.inputs = new Inputs(ctx, () => this.str("RS"), () => this.outputs.flushAll());
    for (
      const [name, value] of Object.entries({
        FS: " ",
        OFS: " ",
        ORS: "\n",
        RS: "\n",
        SUBSEP: "\x1c",
        CONVFMT: "%.6g",
        OFMT: "%.6g",
        NR: 0,
        FNR: 0,
        RSTART: 0,
        RLENGTH: -1,
        FILENAME: "",
      })
    ) this.globals.set(name, value);
    const environ: AwkArray = new Map();
    for (const [k, v] of Object.entries(ctx.env)) environ.set(binary(k), fromInput(binary(v)));
    this.arrays.set("ENVIRON", environ);
  }

  str(name: string): string {
    return toStr(this.globals.get(name) ?? UNINIT);
  }

  convfmt(): string {
    return this.str("CONVFMT");
  }

  getVar(name: string): Value {
    const frame = this.frames[this.frames.length - 1];
    const slot = frame?.get(name);
    if (slot) {
      if (slot instanceof LazySlot) {
        if (slot.used) die(`can't use array ${name} in scalar context`);
        return slot.v;
      }
      if ("a" in slot) die(`can't use array ${name} in scalar context`);
      return slot.v;
    }
    if (name === "NF") return this.record.nf;
    if (this.arrays.has(name)) die(`can't use array ${name} in scalar context`);
    return this.globals.get(name) ?? UNINIT;
  }

  setVar(name: string, value: Value) {
    const frame = this.frames[this.frames.length - 1];
    const slot = frame?.get(name);
    if (slot) {
      if (slot instanceof LazySlot ? slot.used : "a" in slot) die(`can't assign to array ${name}`);
      (slot as { v: Value }).v = value;
      return;
    }
    if (name === "NF") {
      this.record.nf = Math.trunc(toNum(value));
      return;
    }
    this.globals.set(name, value);
  }

  getArray(name: string): AwkArray {
    const frame = this.frames[this.frames.length - 1];
    const slot = frame?.get(name);
    if (slot) {
      if (slot instanceof LazySlot || "a" in slot) return slot.a;
      if ((slot as { v: Value }).v !== UNINIT) die(`can't use scalar ${name} as array`);
      const a: AwkArray = new Map();
      frame!.set(name, { a });
      return a;
    }
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  async subscript(subs: Expr[]): Promise<string> {
    if (subs.length === 1) return toStr(await this.eval(subs[0]), this.convfmt());
    const parts: string[] = [];
    for (const s of subs) parts.push(toStr(await this.eval(s), this.convfmt()));
    return parts.join(this.str("SUBSEP"));
  }

  async assign(target: LValue, value: Value): Promise<void> {
    switch (target.t) {
      case "var":
        this.setVar(target.name, value);
        return;
      case "field": {
        const i = Math.trunc(toNum(await this.eval(target.e)));
        if (i < 0) die(`trying to access out of range field ${i}`);
        this.record.setField(i, toStr(value, this.convfmt()));
        return;
      }
      case "index": {
        const key = await this.subscript(target.subs);
        this.getArray(target.name).set(key, value);
        return;
      }
    }
  }

  async matches(text: string, re: Expr): Promise<boolean> {
    const regex = re.t === "regex"
      ? awkRegex(re.src)
      : awkRegex(toStr(await this.eval(re), this.convfmt()));
    regex.lastIndex = 0;
    return regex.test(text);
  }

  async regexOf(e: Expr): Promise<RegExp> {
    return e.t === "regex" ? awkRegex(e.src) : awkRegex(toStr(await this.eval(e), this.convfmt()));
  }

  async eval(e: Expr): Promise<Value> {
    switch (e.t) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "regex":
        return (await this.matches(this.record.text, e)) ? 1 : 0;
      case "var":
        return this.getVar(e.name);
      case "field": {
        const i = Math.trunc(toNum(await this.eval(e.e)));
        if (i < 0) die(`trying to access out of range field ${i}`);
        return this.record.field(i);
      }
      case "index": {
        const key = await this.subscript(e.subs);
        const a = this.getArray(e.name);
        let v = a.get(key);
        if (v === undefined) {
          v = UNINIT;
          a.set(key, v);
        }
        return v;
      }
      case "group":
        return await this.eval(e.e);
      case "assign": {
        if (e.op === "=") {
          let v = await this.eval(e.e);
          if (v === UNINIT) v = UNINIT;
          await this.assign(e.target, v);
          return v;
        }
        const current = toNum(await this.eval(e.target));
        const operand = toNum(await this.eval(e.e));
        const v = arithmetic(e.op[0], current, operand);
        await this.assign(e.target, v);
        return v;
      }
      case "cond":
        return toBool(await this.eval(e.c)) ? await this.eval(e.a) : await this.eval(e.b);
      case "or":
        return toBool(await this.eval(e.a)) || toBool(await this.eval(e.b)) ? 1 : 0;
      case "and":
        return toBool(await this.eval(e.a)) && toBool(await this.eval(e.b)) ? 1 : 0;
      case "in":
        return this.getArray(e.name).has(await this.subscript(e.subs)) ? 1 : 0;
      case "match": {
        const text = toStr(await this.eval(e.a), this.convfmt());
        return (await this.matches(text, e.re)) !== e.neg ? 1 : 0;
      }
      case "bin": {
        const a = await this.eval(e.a);
        const b = await this.eval(e.b);
        switch (e.op) {
          case " ":
            return toStr(a, this.convfmt()) + toStr(b, this.convfmt());
          case "<":
            return compareValues(a, b, this.convfmt()) < 0 ? 1 : 0;
          case "<=":
            return compareValues(a, b, this.convfmt()) <= 0 ? 1 : 0;
          case ">":
            return compareValues(a, b, this.convfmt()) > 0 ? 1 : 0;
          case ">=":
            return compareValues(a, b, this.convfmt()) >= 0 ? 1 : 0;
          case "==":
            return compareValues(a, b, this.convfmt()) === 0 ? 1 : 0;
          case "!=":
            return compareValues(a, b, this.convfmt()) !== 0 ? 1 : 0;
          default:
            return arithmetic(e.op, toNum(a), toNum(b));
        }
      }
      case "unary": {
        const v = await this.eval(e.e);
        if (e.op === "!") return toBool(v) ? 0 : 1;
        return e.op === "-" ? -toNum(v) : toNum(v);
      }
      case "incdec": {
        const old = toNum(await this.eval(e.target));
        const updated = e.op === "++" ? old + 1 : old - 1;
        await this.assign(e.target, updated);
        return e.prefix ? updated : old;
      }
      case "call":
        return await this.call(e.name, e.args);
      case "builtin":
        return await this.builtin(e.name, e.args);
      case "getline":
        return await this.getline(e);
    }
  }

  async getline(e: Extract<Expr, { t: "getline" }>): Promise<Value> {
    let text: string | null | undefined;
    if (e.kind === "simple") {
      text = await this.nextMainRecord();
      if (text === null) return 0;
      this.globals.set("NR", toNum(this.globals.get("NR")!) + 1);
      this.globals.set("FNR", toNum(this.globals.get("FNR")!) + 1);
    } else {
      const name = toStr(await this.eval(e.src!), this.convfmt());
      text = await this.inputs.read(e.kind, name);
      if (text === undefined) return -1;
      if (text === null) return 0;
      if (e.kind === "cmd") this.globals.set("NR", toNum(this.globals.get("NR")!) + 1);
    }
    if (e.target) await this.assign(e.target, fromInput(text));
    else this.record.set(text);
    return 1;
  }

  /** Calls a user function (functions.ts). */
  call(name: string, args: Expr[]): Promise<Value> {
    return callFunction(this, name, args);
  }

  /** Runs a statement: 0 normally, BREAK or CONTINUE from loops (statements.ts). */
  exec(s: Stmt): Promise<number> {
    return execute(this, s);
  }

  async output(redir: { op: ">" | ">>" | "|"; e: Expr } | undefined, text: string) {
    if (!redir) return await this.outputs.write(undefined, "", text);
    const name = toStr(await this.eval(redir.e), this.convfmt());
    await this.outputs.write(redir.op, name, text);
  }

  async builtin(name: string, args: Expr[]): Promise<Value> {
    const { builtin } = await import("./builtins.ts");
    return await builtin(this, name, args);
  }

  /** Splits `text` into array `name` (1-based), returning the count. */
  split(text: string, name: string, fs: string | RegExp): number {
    const a = this.getArray(name);
    a.clear();
    const parts = typeof fs === "string"
      ? splitFields(text, fs)
      : text === ""
      ? []
      : text.split(fs);
    parts.forEach((p, i) => a.set(String(i + 1), fromInput(p)));
    return parts.length;
  }

  seed(n: number): number {
    const previous = this.randSeed;
    this.randSeed = n;
    this.random = mulberry32(Math.trunc(n));
    return previous;
  }
}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) die("division by zero");
      return a / b;
    case "%":
      if (b === 0) die("division by zero in %");
      return a % b;
    case "^":
      return Math.pow(a, b);
  }
  die(`unknown operator ${op}`);
}

/** A small seeded PRNG: awk's rand() is deterministic for a given srand() seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { ExitProgram, NextFile, NextRecord } from "./signals.ts";
export { StrNum };
