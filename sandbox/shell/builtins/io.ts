/**
 * Builtins that read and write: `read`, and `echo`, `printf`, `test`/`[` which run the applets'
 * implementations in-process against the shell's descriptors (no fork, as in ash).
 *
 * @module
 */
import {
  type FileSystem,
  FsError,
  type Input,
  type Output,
  type ProcessContext,
  type ProcessTable,
  type SystemInfo,
} from "../../types.ts";
import { badFd } from "../fds.ts";
import { runProgram } from "../call.ts";
import type { Shell } from "../shell.ts";
import { BuiltinError } from "../control.ts";
import type { Builtin } from "./mod.ts";

/**
 * The context of an applet run in-process as a builtin: the shell process's identity with the
 * shell's current cwd, umask, descriptors and variables. A class, so every call has one shape.
 */
class BuiltinContext implements ProcessContext {
  readonly pid: number;
  readonly uid: number;
  readonly gid: number;
  readonly cwd: string;
  readonly umask: number;
  readonly stdin: Input;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly fs: FileSystem;
  readonly signal: AbortSignal;
  readonly processes: ProcessTable;
  readonly system: SystemInfo;
  readonly spawn: ProcessContext["spawn"];
  readonly tty: boolean[];

  constructor(private readonly sh: Shell, readonly argv: string[]) {
    const ctx = sh.ctx;
    this.pid = ctx.pid;
    this.uid = ctx.uid;
    this.gid = ctx.gid;
    this.fs = ctx.fs;
    this.processes = ctx.processes;
    this.system = ctx.system;
    this.spawn = ctx.spawn;
    this.cwd = sh.cwd;
    this.umask = sh.umask;
    this.stdin = sh.fds[0]?.input ?? badFd(0);
    this.stdout = sh.fds[1]?.output ?? badFd(1);
    this.stderr = sh.fds[2]?.output ?? badFd(2);
    this.signal = sh.signal;
    // `[ -t 1 ]` must see the shell's descriptors, not the process's original ones.
    this.tty = [sh.fds[0]?.tty ?? false, sh.fds[1]?.tty ?? false, sh.fds[2]?.tty ?? false];
  }

  /** Computed on demand: echo and test never look, and building it walks every variable. */
  get env(): Record<string, string> {
    return this.sh.vars.environment();
  }
}

/** Runs a registered applet inside the shell process, with the shell's cwd, env and fds. */
function appletBuiltin(name: string): Builtin {
  return async (sh, argv) => {
    const applet = sh.ctx.kernel.applets[name];
    if (!applet) return await runProgram(sh, argv);
    try {
      return await applet(new BuiltinContext(sh, argv));
    } catch (error) {
      // echo/printf into a closed descriptor: ash reports it and the command fails, not the shell.
      if (!(error instanceof FsError)) throw error;
      await sh.error(`write error: ${error.message}`);
      return 1;
    }
  };
}

const read: Builtin = async (sh, argv) => {
  let raw = false;
  let prompt = "";
  let timeout: number | undefined;
  let count: number | undefined;
  let delimiter = "\n";
  let fd = 0;
  let array: string | undefined;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (names.length > 0 || !arg.startsWith("-") || arg === "-") {
      names.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j];
      const value = () => arg.length > j + 1 ? arg.slice(j + 1) : argv[++i];
      if (flag === "r") raw = true;
      else if (flag === "s") continue;
      else if ("ptndua".includes(flag)) {
        const v = value() ?? "";
        if (flag === "p") prompt = v;
        else if (flag === "t") timeout = Number(v);
        else if (flag === "n") count = Number(v);
        else if (flag === "d") delimiter = v.slice(0, 1) || "\0";
        else if (flag === "u") fd = Number(v);
        else array = v;
        break;
      } else {
        throw new BuiltinError(`illegal option -${flag}`);
      }
    }
  }
  if (names.length === 0 && !array) names.push("REPLY");
  // Like ash, the prompt is only shown to a terminal.
  if (prompt && sh.fds[0]?.tty) await sh.output(2).write(prompt);
  const input = sh.fds[fd]?.input;
  if (!input) {
    await sh.error(`read: ${fd}: Bad file descriptor`);
    return 1;
  }
  const signal = timeout !== undefined
    ? AbortSignal.any([sh.signal, AbortSignal.timeout(timeout * 1000)])
    : sh.signal;
  const delim = delimiter.charCodeAt(0);
  const bytes: number[] = [];
  let ended = false;
  let escaped = false;
  try {
    outer: while (count === undefined || bytes.length < count) {
      const chunk = await input.read(signal);
      if (chunk === null) {
        ended = true;
        break;
      }
      for (let k = 0; k < chunk.length; k++) {
        const b = chunk[k];
        if (!raw && escaped) {
          escaped = false;
          if (b !== 0x0a) bytes.push(0x5c, b);
          continue;
        }
        if (!raw && b === 0x5c) {
          escaped = true;
          continue;
        }
        if (b === delim) {
          input.unread(chunk.subarray(k + 1));
          break outer;
        }
        bytes.push(b);
        if (count !== undefined && bytes.length >= count) {
          input.unread(chunk.subarray(k + 1));
          break outer;
        }
      }
    }
  } catch (error) {
    if (sh.signal.aborted) throw error;
    return 1;
  }
  const line = new TextDecoder().decode(new Uint8Array(bytes));
  assignFields(sh, line, names, array, raw);
  // End of input before the delimiter (or before -n bytes) is failure, though variables are set.
  return ended ? 1 : 0;
};

/** Splits a line read by `read` on IFS; the last name takes the rest of the line. */
function assignFields(
  sh: Shell,
  line: string,
  names: string[],
  array: string | undefined,
  raw: boolean,
) {
  const ifs = sh.ifs();
  const white = (c: string) => (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
  const unescape = (s: string) => raw ? s : s.replace(/\\(.)/g, "$1");
  const fields: string[] = [];
  let i = 0;
  while (i < line.length && white(line[i])) i++;
  const targets = array ? Infinity : names.length;
  while (i < line.length) {
    if (fields.length === targets - 1) {
      let rest = line.slice(i);
      let end = rest.length;
      while (end > 0 && white(rest[end - 1])) end--;
      rest = rest.slice(0, end);
      fields.push(unescape(rest));
      i = line.length;
      break;
    }
    let field = "";
    while (i < line.length && !ifs.includes(line[i])) {
      if (!raw && line[i] === "\\" && i + 1 < line.length) field += line[i++];
      field += line[i++];
    }
    fields.push(unescape(field));
    while (i < line.length && white(line[i])) i++;
    if (i < line.length && ifs.includes(line[i]) && !white(line[i])) {
      i++;
      while (i < line.length && white(line[i])) i++;
    }
  }
  if (array) {
    sh.vars.set(array, fields);
    return;
  }
  names.forEach((name, k) => sh.assign(name, fields[k] ?? ""));
}

export const IO_BUILTINS: Record<string, Builtin> = {
  read,
  echo: appletBuiltin("echo"),
  printf: appletBuiltin("printf"),
  test: appletBuiltin("test"),
  "[": appletBuiltin("["),
};
