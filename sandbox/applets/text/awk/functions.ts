/**
 * Calling user-defined awk functions: scalars are passed by value, arrays by reference, missing
 * arguments are fresh locals, and an unset global passed in becomes a global array if the function
 * uses it as one.
 *
 * @module
 */
import { die } from "../../common/errors.ts";
import type { Expr } from "./ast.ts";
import type { AwkArray, Interpreter, Slot } from "./interp.ts";
import { ReturnValue } from "./signals.ts";
import { UNINIT, type Value } from "./values.ts";

/** A parameter bound to a not-yet-existing global that becomes an array if used as one. */
export class LazySlot {
  used = false;
  constructor(readonly array: AwkArray) {}
  get a(): AwkArray {
    this.used = true;
    return this.array;
  }
  v: Value = UNINIT;
}

export async function callFunction(it: Interpreter, name: string, args: Expr[]): Promise<Value> {
  const fn = it.program.functions.get(name);
  if (!fn) die(`calling undefined function ${name}`);
  if (args.length > fn.params.length) {
    die(`function ${name} called with ${args.length} args, accepts only ${fn.params.length}`);
  }
  const frame = new Map<string, Slot>();
  const created: [string, LazySlot][] = [];
  for (let i = 0; i < fn.params.length; i++) {
    const arg = args[i];
    const param = fn.params[i];
    if (!arg) {
      frame.set(param, { v: UNINIT });
      continue;
    }
    if (arg.t === "var") {
      const outer = it.frames[it.frames.length - 1]?.get(arg.name);
      if (outer && "a" in outer) {
        frame.set(param, { a: outer.a });
        continue;
      }
      if (!outer && it.arrays.has(arg.name)) {
        frame.set(param, { a: it.arrays.get(arg.name)! });
        continue;
      }
      if (!outer && !it.globals.has(arg.name)) {
        // An unset global may become an array inside the function.
        const lazy = new LazySlot(new Map());
        created.push([arg.name, lazy]);
        frame.set(param, lazy);
        continue;
      }
    }
    frame.set(param, { v: await it.eval(arg) });
  }
  it.frames.push(frame);
  try {
    for (const stmt of fn.body) await it.exec(stmt);
    return UNINIT;
  } catch (signal) {
    if (signal instanceof ReturnValue) return signal.value;
    throw signal;
  } finally {
    it.frames.pop();
    for (const [global, lazy] of created) {
      if (lazy.used) it.arrays.set(global, lazy.array);
    }
  }
}
