/**
 * The shell interpreter's state and statement execution. One `Shell` is one shell process or
 * subshell: variables, functions, options, positional parameters, descriptors and traps.
 * Subshells (pipeline parts, `( )`, `$( )`, `&`) run on a {@link Shell.clone}.
 *
 * @module
 */
import type { Input, Output } from "../types.ts";
import type { KernelContext } from "../process/kernel.ts";
import type { ProcessEntry } from "../process/table.ts";
import type { File, Node, Stmt, Word } from "./ast.ts";
import { type ArithHost, evalArith, ExpansionError, type ShellInt } from "./arith.ts";
import { BreakFlow, ContinueFlow, ErrorExit, ExitFlow, ReturnFlow } from "./control.ts";
import { expandString, plainWordText } from "./expand.ts";
import { applyRedirects, type Fd, RedirectError } from "./fds.ts";
import { parseShell, ShellSyntaxError } from "./parse.ts";
import { BrokenPipeError } from "./pipe.ts";
import { ashSyntaxMessage } from "./syntax_errors.ts";
import { ReadonlyError, Variables } from "./variables.ts";
import { runCompound } from "./compound.ts";
import { runCall } from "./call.ts";
import { runPipeline } from "./pipeline.ts";
import { startBackground } from "./background.ts";
import { runExitTrap, runPendingTraps, runTrap } from "./traps.ts";

export class Shell {
  vars: Variables;
  functions: Map<string, Stmt>;
  aliases: Map<string, string>;
  options: Set<string>;
  positional: string[];
  arg0: string;
  status = 0;
  cwd: string;
  umask: number;
  fds: (Fd | undefined)[];
  traps: Map<string, string>;
  /** Background jobs by pid. */
  jobs = new Map<number, ProcessEntry>();
  lastBackground: number | undefined;
  lineno = 0;
  /** Added to source lines for `$LINENO`: ash counts `sh -c` lines from 0. */
  lineBase = 0;
  /** `getopts`' position inside a bundle of letters such as `-abc`. */
  getoptsOffset: number | undefined;
  /** >0 while running a condition (if/while test, left of && ||, after !): no errexit. */
  conditionDepth = 0;
  functionDepth = 0;
  /** >0 while running a file with `.`, where `return` ends the file. */
  sourceDepth = 0;
  loopDepth = 0;
  /** Status of the last command substitution, which an assignment-only command returns. */
  substitutionStatus = 0;
  /** Signals received and trapped, waiting for a statement boundary. */
  pendingTraps: string[] = [];
  /** Wakes a `wait` builtin when a trapped signal arrives. */
  trapWaiters = new Set<() => void>();
  /** The process that owns this shell (absent in subshells that share their parent's). */
  process: ProcessEntry | undefined;
  signal: AbortSignal;

  constructor(readonly ctx: KernelContext, init?: Shell) {
    this.signal = ctx.signal;
    if (init) {
      this.vars = init.vars.clone();
      this.functions = new Map(init.functions);
      this.aliases = new Map(init.aliases);
      this.options = new Set(init.options);
      this.positional = [...init.positional];
      this.arg0 = init.arg0;
      this.status = init.status;
      this.cwd = init.cwd;
      this.umask = init.umask;
      this.fds = [...init.fds];
      this.traps = new Map([...init.traps].filter(([, action]) => action === ""));
      this.lastBackground = init.lastBackground;
      this.lineno = init.lineno;
      this.lineBase = init.lineBase;
      this.shellPid = init.shellPid;
      this.startedMs = init.startedMs;
      this.functionDepth = init.functionDepth;
      this.process = undefined;
      return;
    }
    this.vars = new Variables();
    for (const [k, v] of Object.entries(ctx.env)) this.vars.set(k, v, { export: true });
    this.functions = new Map();
    this.aliases = new Map();
    this.options = new Set();
    this.positional = [];
    this.arg0 = ctx.argv[0] ?? "sh";
    this.cwd = ctx.cwd;
    this.umask = ctx.umask;
    this.fds = [
      { input: ctx.stdin, tty: ctx.tty[0] },
      { output: ctx.stdout, tty: ctx.tty[1] },
      { output: ctx.stderr, tty: ctx.tty[2] },
    ];
    this.traps = new Map();
    this.process = ctx.process;
    this.shellPid = ctx.pid;
    // ash's initial shell variables (not exported).
    const defaults: [string, string][] = [
      ["IFS", " \t\n"],
      ["OPTIND", "1"],
      ["PS1", "\\w \\$ "],
      ["PS2", "> "],
      ["PS4", "+ "],
    ];
    for (const [name, value] of defaults) {
      if (this.vars.value(name) === undefined) this.vars.set(name, value);
    }
    if (this.vars.value("PWD") === undefined) this.vars.set("PWD", this.cwd, { export: true });
    this.vars.set("PPID", String(ctx.process.ppid));
  }

  get fs() {
    return this.ctx.fs;
  }

  /** When this shell started, for `$SECONDS`. */
  startedMs = Date.now();
  /** `$$`: the pid of the shell process; subshells and background jobs keep their parent's. */
  shellPid: number;

  get pid(): number {
    return this.ctx.pid;
  }

  /** A subshell: a copy of this shell's state that cannot change this shell. */
  clone(signal = this.signal): Shell {
    const sub = new Shell(this.ctx, this);
    sub.signal = signal;
    return sub;
  }

  ifs(): string {
    return this.vars.value("IFS") ?? " \t\n";
  }

  input(n = 0): Input {
    const fd = this.fds[n];
    if (!fd?.input) throw new RedirectError(`${n}: Bad file descriptor`);
    return fd.input;
  }

  output(n = 1): Output {
    const fd = this.fds[n];
    if (!fd?.output) {
      return { write: () => Promise.reject(new RedirectError(`${n}: Bad file descriptor`)) };
    }
    return fd.output;
  }

  /** Writes a diagnostic to stderr, prefixed like ash: `sh: message`. */
  async error(message: string): Promise<void> {
    await this.output(2).write(`${this.errorPrefix()}${message}\n`).catch(() => {});
  }

  /** A builtin's diagnostic in ash's form: `sh: NAME: line N: message`. */
  async builtinMessage(name: string, message: string): Promise<void> {
    await this.output(2).write(`sh: ${name}: line ${this.line()}: ${message}\n`).catch(() => {});
  }

  errorPrefix(): string {
    return this.options.has("script") ? `${this.arg0}: line ${this.line()}: ` : "sh: ";
  }

  /** The current line as `$LINENO` and error messages show it. */
  line(): number {
    return this.lineno + this.lineBase;
  }

  /** Special parameters ($?, $$, $#, $-, $!, $0…$9, $RANDOM, $LINENO); null for others. */
  special(name: string): string | undefined | null {
    switch (name) {
      case "?":
        return String(this.status);
      case "$":
        return String(this.shellPid);
      case "#":
        return String(this.positional.length);
      case "-":
        return [...this.options].filter((o) => o.length === 1).join("");
      case "!":
        return this.lastBackground === undefined ? undefined : String(this.lastBackground);
      case "0":
        return this.arg0;
      case "RANDOM":
        if (this.vars.get("RANDOM")) return null;
        return String(Math.floor(Math.random() * 32768));
      case "LINENO":
        return String(this.line());
      case "SECONDS":
        if (this.vars.get("SECONDS")) return null;
        return String(Math.floor((Date.now() - this.startedMs) / 1000));
    }
    if (name.length > 0 && name >= "1" && name <= "9" || /^[0-9]+$/.test(name)) {
      return this.positional[Number(name) - 1];
    }
    return null;
  }

  assign(name: string, value: string) {
    this.vars.set(name, value, { export: this.options.has("a") });
  }

  /** How arithmetic reads and writes this shell's variables. */
  readonly arithHost: ArithHost = {
    plainText: (word) => plainWordText(this, word as Word),
    expandWord: (word) => expandString(this, word as Word),
    getVar: (name) => this.special(name) ?? this.vars.value(name),
    setVar: (name, value) => this.assign(name, value),
  };

  arith(node: Node | null): Promise<ShellInt> {
    return evalArith(node, this.arithHost);
  }

  /** An arithmetic value used as an index, offset or length. */
  async index(node: Node | null): Promise<number> {
    return Number(await this.arith(node));
  }

  /** Runs statements as a subshell body: `exit` ends only the subshell. */
  async runSubshell(stmts: Stmt[]): Promise<number> {
    let status: number;
    try {
      status = await this.runStmts(stmts);
    } catch (flow) {
      if (flow instanceof ExitFlow || flow instanceof ReturnFlow) status = flow.status;
      else if (flow instanceof BreakFlow || flow instanceof ContinueFlow) status = this.status;
      // A builtin wrote to a pipe nobody reads: this subshell dies of SIGPIPE, as a forked one does.
      else if (flow instanceof BrokenPipeError) return 128 + 13;
      else throw flow;
    }
    this.status = status;
    await runExitTrap(this);
    return this.status;
  }

  /** Parses and runs source text in this shell (`eval`, `.`, `sh -c`). */
  async runSource(source: string): Promise<number> {
    let file: File;
    try {
      file = parseShell(source, { braces: this.options.has("B") });
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      return await this.runByLines(source);
    }
    return await this.runStmts(file.Stmts);
  }

  /**
   * Runs source that does not parse as a whole the way ash reads it: one complete command at a
   * time, so the commands before a syntax error run, then the error ends the shell (status 2).
   */
  async runByLines(source: string): Promise<number> {
    const lines = source.split("\n").map((line, i, all) => i < all.length - 1 ? line + "\n" : line);
    let pending = "";
    let first = 0;
    for (let i = 0; i < lines.length; i++) {
      if (pending === "") first = i;
      pending += lines[i];
      let file: File;
      try {
        file = parseShell(pending, { braces: this.options.has("B") });
      } catch (error) {
        if (!(error instanceof ShellSyntaxError)) throw error;
        if (error.incomplete && i < lines.length - 1) continue;
        this.lineno = first + error.line;
        const message = ashSyntaxMessage(error.text, error.incomplete);
        await this.error(
          message === "arithmetic syntax error" ? message : `syntax error: ${message}`,
        );
        throw new ErrorExit(2);
      }
      pending = "";
      // Statement lines are relative to the chunk; $LINENO counts from the start of the source.
      this.lineBase += first;
      try {
        await this.runStmts(file.Stmts);
      } finally {
        this.lineBase -= first;
      }
    }
    return this.status;
  }

  async runStmts(stmts: Stmt[]): Promise<number> {
    for (const stmt of stmts) {
      if (this.pendingTraps.length > 0) await runPendingTraps(this);
      await this.runStmt(stmt);
    }
    return this.status;
  }

  async runStmt(stmt: Stmt): Promise<number> {
    if (this.signal.aborted) throw new ExitFlow(128 + 15);
    if (stmt.Position) this.lineno = stmt.Position;
    if (stmt.Background) {
      this.status = startBackground(this, stmt);
      return this.status;
    }
    let status: number;
    if (stmt.Negated) this.conditionDepth++;
    try {
      status = await this.runWithRedirects(stmt);
    } finally {
      if (stmt.Negated) this.conditionDepth--;
    }
    if (stmt.Negated) status = status === 0 ? 1 : 0;
    this.status = status;
    const isList = stmt.Cmd?.type === "BinaryCmd" && (stmt.Cmd.Op === "&&" || stmt.Cmd.Op === "||");
    if (status !== 0 && !stmt.Negated && !isList && this.conditionDepth === 0) {
      if (this.traps.has("ERR")) await runTrap(this, "ERR");
      if (this.options.has("e")) throw new ExitFlow(status);
    }
    return status;
  }

  async runWithRedirects(stmt: Stmt): Promise<number> {
    if (stmt.Redirs.length === 0) return await this.runCommand(stmt.Cmd, stmt);
    const permanent = stmt.Cmd?.type === "CallExpr" && stmt.Cmd.Args.length === 1 &&
      stmt.Cmd.Args[0].Parts.length === 1 && stmt.Cmd.Args[0].Parts[0].Value === "exec";
    const saved = this.fds;
    this.fds = [...saved];
    let cleanup: () => Promise<void>;
    try {
      cleanup = await applyRedirects(this, stmt.Redirs);
    } catch (error) {
      this.fds = saved;
      if (error instanceof RedirectError || error instanceof ExpansionError) {
        await this.error(error.message);
        if (error instanceof ExpansionError) throw new ErrorExit(error.status);
        return 1;
      }
      throw error;
    }
    if (permanent) return 0;
    try {
      return await this.runCommand(stmt.Cmd, stmt);
    } finally {
      this.fds = saved;
      await cleanup();
    }
  }

  async runCommand(cmd: Node | null, stmt: Stmt): Promise<number> {
    if (!cmd) return 0;
    try {
      switch (cmd.type) {
        case "CallExpr":
          return await runCall(this, cmd as never, stmt);
        case "BinaryCmd":
          if (cmd.Op === "|" || cmd.Op === "|&") return await runPipeline(this, stmt);
          return await this.runList(cmd);
        default:
          return await runCompound(this, cmd);
      }
    } catch (error) {
      if (error instanceof ExpansionError) {
        await this.error(error.message);
        throw new ErrorExit(error.status);
      }
      if (error instanceof ReadonlyError) {
        await this.error(error.message);
        throw new ErrorExit(2);
      }
      throw error;
    }
  }

  async runList(cmd: Node): Promise<number> {
    this.conditionDepth++;
    let status: number;
    try {
      status = await this.runStmt(cmd.X);
    } finally {
      this.conditionDepth--;
    }
    if (cmd.Op === "&&" ? status === 0 : status !== 0) status = await this.runStmt(cmd.Y);
    return status;
  }
}
