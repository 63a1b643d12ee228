/**
 * `awk [-F SEP] [-v VAR=VAL]... [-f FILE]... [PROG] [FILE | VAR=VAL]...`: runs BEGIN, then each
 * record of the inputs through the rules, then END. Operands of the form VAR=VAL are assignments
 * made when they are reached, as POSIX specifies.
 *
 * @module
 */
import type { ProcessContext } from "../../../types.ts";
import { parseArgs, usageError } from "../../common/args.ts";
import { binary } from "../../common/bytes.ts";
import { die, runApplet, strerror, warn } from "../../common/errors.ts";
import { openSource, readOperand } from "../../common/input.ts";
import { BufferedWriter } from "../../common/output.ts";
import type { Rule, Stmt } from "./ast.ts";
import { ExitProgram, Interpreter, NextFile, NextRecord } from "./interp.ts";
import { parseProgram } from "./parser.ts";
import { RecordReader } from "./runtime.ts";
import { fromInput, toBool, toNum, toStr } from "./values.ts";

const USAGE = "awk [OPTIONS] [AWK_PROGRAM] [FILE]...";

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  '"': '"',
  "/": "/",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};

/** Command-line values (-v, VAR=VAL, -F) get string-literal escape processing. */
function unescape(text: string): string {
  return text.replace(
    /\\([0-7]{1,3}|.)/gs,
    (_, c: string) =>
      /^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : ESCAPES[c] ?? "\\" + c,
  );
}

async function runBlock(it: Interpreter, body: Stmt[]) {
  for (const stmt of body) await it.exec(stmt);
}

async function ruleMatches(it: Interpreter, rule: Rule): Promise<boolean> {
  if (rule.range) {
    if (!rule.inRange) {
      if (!toBool(await it.eval(rule.range[0]))) return false;
      rule.inRange = !toBool(await it.eval(rule.range[1]));
      return true;
    }
    if (toBool(await it.eval(rule.range[1]))) rule.inRange = false;
    return true;
  }
  return rule.pattern ? toBool(await it.eval(rule.pattern)) : true;
}

export const awk = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("awk", ctx.argv.slice(1), {
    flags: "",
    values: "Fvfe",
    stopAtOperand: true,
    usage: USAGE,
  });
  const operands = [...parsed.operands];
  let source = "";
  if (parsed.values.f) {
    for (const file of parsed.values.f) {
      try {
        source += (await readOperand(ctx, file)) + "\n";
      } catch (error) {
        die(`can't open '${file}': ${strerror(error)}`);
      }
    }
  }
  for (const e of parsed.values.e ?? []) source += binary(e) + "\n";
  if (source === "") {
    const program = operands.shift();
    if (program === undefined) usageError("awk", "missing program", USAGE);
    source = binary(program);
  }
  const program = parseProgram(source);
  const stdout = new BufferedWriter(ctx.stdout);
  const stderr = new BufferedWriter(ctx.stderr);
  const it = new Interpreter(program, ctx, stdout, stderr);
  if (parsed.values.F) {
    const fs = unescape(binary(parsed.values.F.at(-1)!));
    it.globals.set("FS", fs === "t" ? "\t" : fs);
  }
  for (const assignment of parsed.values.v ?? []) {
    const eq = assignment.indexOf("=");
    if (eq < 1) die(`bad -v argument '${assignment}'`);
    it.globals.set(assignment.slice(0, eq), fromInput(unescape(binary(assignment.slice(eq + 1)))));
  }
  const argv = new Map<string, ReturnType<typeof fromInput>>();
  argv.set("0", "awk");
  operands.forEach((op, i) => argv.set(String(i + 1), fromInput(binary(op))));
  it.arrays.set("ARGV", argv);
  it.globals.set("ARGC", operands.length + 1);

  let exitStatus = 0;
  let exiting = false;
  // Main input: ARGV is read as the program runs, so BEGIN may change it.
  let argIndex = 1;
  let reader: RecordReader | undefined;
  let usedFile = false;
  let status = 0;
  const nextRecord = async (): Promise<string | null> => {
    for (;;) {
      if (reader) {
        const record = await reader.next();
        if (record !== null) return record;
        await reader.source.close();
        reader = undefined;
      }
      const argc = toNum(it.globals.get("ARGC")!);
      if (argIndex >= argc) {
        if (usedFile) return null;
        usedFile = true;
        reader = new RecordReader(await openSource(ctx, "-"), () => it.str("RS"));
        it.globals.set("FILENAME", "");
        it.globals.set("FNR", 0);
        continue;
      }
      const arg = toStr(it.arrays.get("ARGV")!.get(String(argIndex++)) ?? "");
      if (arg === "") continue;
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
      if (assign) {
        it.globals.set(assign[1], fromInput(unescape(assign[2])));
        continue;
      }
      usedFile = true;
      try {
        reader = new RecordReader(await openSource(ctx, arg), () => it.str("RS"));
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        await stdout.flush();
        await warn(ctx, `cannot open "${arg}" (${strerror(error)})`);
        status = 2;
        continue;
      }
      it.globals.set("FILENAME", arg);
      it.globals.set("FNR", 0);
    }
  };
  it.nextMainRecord = nextRecord;
  try {
    for (const body of program.begin) await runBlock(it, body);
  } catch (signal) {
    if (!(signal instanceof ExitProgram)) throw signal;
    exiting = true;
    if (signal.status >= 0) exitStatus = signal.status;
  }
  if (!exiting && (program.rules.length > 0 || program.end.length > 0)) {
    try {
      for (let record = await nextRecord(); record !== null; record = await nextRecord()) {
        it.globals.set("NR", toNum(it.globals.get("NR")!) + 1);
        it.globals.set("FNR", toNum(it.globals.get("FNR")!) + 1);
        it.record.set(record);
        try {
          for (const rule of program.rules) {
            if (!(await ruleMatches(it, rule))) continue;
            if (rule.body) await runBlock(it, rule.body);
            else await it.outputs.write(undefined, "", it.record.text + it.str("ORS"));
          }
        } catch (signal) {
          if (signal instanceof NextRecord) continue;
          if (signal instanceof NextFile) {
            if (reader) {
              await reader.source.close();
              reader = undefined;
            }
            continue;
          }
          throw signal;
        }
      }
    } catch (signal) {
      if (!(signal instanceof ExitProgram)) throw signal;
      if (signal.status >= 0) exitStatus = signal.status;
    }
  }
  try {
    for (const body of program.end) await runBlock(it, body);
  } catch (signal) {
    if (!(signal instanceof ExitProgram)) throw signal;
    if (signal.status >= 0) exitStatus = signal.status;
  }
  await it.outputs.closeAll();
  await stderr.flush();
  return exitStatus || status;
});
