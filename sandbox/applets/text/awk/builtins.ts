/**
 * awk's builtin functions: string (length substr index split sub gsub match sprintf tolower
 * toupper), numeric (int sqrt exp log sin cos atan2 rand srand) and I/O (system close fflush).
 *
 * @module
 */
import { unbinary } from "../../common/bytes.ts";
import { die } from "../../common/errors.ts";
import type { Expr, LValue } from "./ast.ts";
import type { Interpreter } from "./interp.ts";
import { awkRegex } from "./runtime.ts";
import { fromInput, sprintf, toNum, toStr, type Value } from "./values.ts";

/** Replaces matches of `re` in `text` (all of them when `global`), sed-style empty-match rule. */
export function substitute(
  text: string,
  re: RegExp,
  replacement: string,
  global: boolean,
): [string, number] {
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
  let out = "";
  let last = 0;
  let count = 0;
  let prevEnd = -1;
  for (let pos = 0; pos <= text.length;) {
    g.lastIndex = pos;
    const m = g.exec(text);
    if (!m) break;
    if (m[0] === "" && m.index === prevEnd) {
      pos = m.index + 1;
      continue;
    }
    let rep = "";
    for (let i = 0; i < replacement.length; i++) {
      const c = replacement[i];
      if (c === "\\" && (replacement[i + 1] === "&" || replacement[i + 1] === "\\")) {
        rep += replacement[++i];
      } else if (c === "&") rep += m[0];
      else rep += c;
    }
    out += text.slice(last, m.index) + rep;
    last = m.index + m[0].length;
    prevEnd = last;
    count++;
    if (!global) break;
    if (m[0] === "") {
      if (m.index < text.length) out += text[m.index];
      last = m.index + 1;
      pos = m.index + 1;
    } else pos = last;
  }
  return [out + text.slice(last), count];
}

export async function builtin(it: Interpreter, name: string, args: Expr[]): Promise<Value> {
  const str = async (i: number) => toStr(await it.eval(args[i]), it.convfmt());
  const num = async (i: number) => toNum(await it.eval(args[i]));
  switch (name) {
    case "length": {
      if (args.length === 0) return it.record.text.length;
      const a = args[0];
      if (a.t === "var" && it.arrays.has(a.name)) return it.arrays.get(a.name)!.size;
      return (await str(0)).length;
    }
    case "substr": {
      // busybox clamps the start into the string and does not shorten the length for it.
      const s = await str(0);
      let start = Math.trunc(await num(1)) - 1;
      if (Number.isNaN(start) || start < 0) start = 0;
      if (start > s.length) start = s.length;
      let length = args.length > 2 ? Math.trunc(await num(2)) : s.length - start;
      if (!(length > 0)) length = 0;
      return s.substr(start, length);
    }
    case "index": {
      const needle = await str(1);
      return needle === "" ? 0 : (await str(0)).indexOf(needle) + 1;
    }
    case "split": {
      const text = await str(0);
      const target = args[1];
      if (target?.t !== "var") die("split: second argument must be an array");
      let fs: string | RegExp = it.str("FS");
      if (args.length > 2) {
        fs = args[2].t === "regex" ? awkRegex(args[2].src) : await str(2);
      }
      return it.split(text, target.name, fs);
    }
    case "sub":
    case "gsub": {
      const re = await it.regexOf(args[0]);
      const replacement = await str(1);
      const target: LValue = (args[2] as LValue | undefined) ??
        { t: "field", e: { t: "num", v: 0 } };
      const text = toStr(await it.eval(target), it.convfmt());
      const [result, count] = substitute(text, re, replacement, name === "gsub");
      if (count > 0) await it.assign(target, result);
      return count;
    }
    case "match": {
      const text = await str(0);
      const re = await it.regexOf(args[1]);
      re.lastIndex = 0;
      const m = new RegExp(re.source, re.flags.replace("g", "")).exec(text);
      it.globals.set("RSTART", m ? m.index + 1 : 0);
      it.globals.set("RLENGTH", m ? m[0].length : -1);
      return m ? m.index + 1 : 0;
    }
    case "sprintf": {
      if (args.length === 0) return "";
      const values: Value[] = [];
      for (const a of args) values.push(await it.eval(a));
      return sprintf(toStr(values[0], it.convfmt()), values.slice(1), it.convfmt());
    }
    case "tolower":
      return (await str(0)).toLowerCase();
    case "toupper":
      return (await str(0)).toUpperCase();
    case "int":
      return Math.trunc(await num(0));
    case "sqrt":
      return Math.sqrt(await num(0));
    case "exp":
      return Math.exp(await num(0));
    case "log":
      return Math.log(await num(0));
    case "sin":
      return Math.sin(await num(0));
    case "cos":
      return Math.cos(await num(0));
    case "atan2":
      return Math.atan2(await num(0), await num(1));
    case "rand":
      return it.random();
    case "srand":
      return it.seed(args.length > 0 ? await num(0) : Math.floor(Date.now() / 1000));
    case "system": {
      await it.outputs.flushAll();
      const status = await it.ctx.spawn(["sh", "-c", unbinary(await str(0))]);
      return status;
    }
    case "close": {
      const target = await str(0);
      const out = await it.outputs.close(target);
      const input = it.inputs.close(target);
      return out >= 0 ? out : input;
    }
    case "fflush":
      await it.outputs.flushAll();
      return 0;
  }
  die(`unknown function ${name}`);
}

export { fromInput };
