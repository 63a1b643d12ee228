/**
 * Executing awk statements: print and printf (with redirections), control flow, and the
 * next/exit/return unwinding. Loops see BREAK and CONTINUE as return codes rather than throws.
 *
 * @module
 */
import { die } from "../../common/errors.ts";
import type { Stmt } from "./ast.ts";
import type { Interpreter } from "./interp.ts";
import { BREAK, CONTINUE, ExitProgram, NextFile, NextRecord, ReturnValue } from "./signals.ts";
import {
  fromInput,
  numberToString,
  sprintf,
  toBool,
  toNum,
  toStr,
  UNINIT,
  type Value,
} from "./values.ts";

export async function execute(it: Interpreter, s: Stmt): Promise<number> {
  switch (s.t) {
    case "expr":
      await it.eval(s.e);
      return 0;
    case "print": {
      const ofmt = it.str("OFMT");
      let text: string;
      if (s.args.length === 0) text = it.record.text;
      else {
        const parts: string[] = [];
        for (const a of s.args) {
          const v = await it.eval(a);
          parts.push(typeof v === "number" ? numberToString(v, ofmt) : toStr(v));
        }
        text = parts.join(it.str("OFS"));
      }
      await it.output(s.redir, text + it.str("ORS"));
      return 0;
    }
    case "printf": {
      if (s.args.length === 0) die("printf: no format");
      const values: Value[] = [];
      for (const a of s.args) values.push(await it.eval(a));
      await it.output(
        s.redir,
        sprintf(toStr(values[0], it.convfmt()), values.slice(1), it.convfmt()),
      );
      return 0;
    }
    case "if":
      if (toBool(await it.eval(s.c))) return await it.exec(s.then);
      return s.else ? await it.exec(s.else) : 0;
    case "while":
      while (toBool(await it.eval(s.c))) {
        const r = await it.exec(s.body);
        if (r === BREAK) break;
      }
      return 0;
    case "do":
      do {
        const r = await it.exec(s.body);
        if (r === BREAK) break;
      } while (toBool(await it.eval(s.c)));
      return 0;
    case "for":
      if (s.init) await it.exec(s.init);
      for (let n = 0; !s.c || toBool(await it.eval(s.c)); n++) {
        const r = await it.exec(s.body);
        if (r === BREAK) break;
        if (s.step) await it.exec(s.step);
        if ((n & 1023) === 1023) it.ctx.signal.throwIfAborted();
      }
      return 0;
    case "forin": {
      const keys = [...it.getArray(s.name).keys()];
      for (const key of keys) {
        await it.assign(s.target, fromInput(key));
        const r = await it.exec(s.body);
        if (r === BREAK) break;
      }
      return 0;
    }
    case "block":
      for (const stmt of s.body) {
        const r = await it.exec(stmt);
        if (r !== 0) return r;
      }
      return 0;
    case "next":
      throw new NextRecord();
    case "nextfile":
      throw new NextFile();
    case "break":
      return BREAK;
    case "continue":
      return CONTINUE;
    case "exit":
      throw new ExitProgram(s.e ? Math.trunc(toNum(await it.eval(s.e))) & 0xff : -1);
    case "return":
      throw new ReturnValue(s.e ? await it.eval(s.e) : UNINIT);
    case "delete": {
      const a = it.getArray(s.name);
      if (s.subs) a.delete(await it.subscript(s.subs));
      else a.clear();
      return 0;
    }
  }
}
