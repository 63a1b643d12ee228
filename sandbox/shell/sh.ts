/**
 * The `sh` program (also `ash` and `bash`): option parsing as busybox ash does it, then a
 * command string (`-c`), a script file, or a script read from stdin one line at a time so the
 * commands it runs can read the rest of stdin themselves.
 *
 * @module
 */
import type { Applet } from "../types.ts";
import type { KernelContext } from "../process/kernel.ts";
import { basename, resolvePath } from "../path.ts";
import { ErrorExit, ExitFlow } from "./control.ts";
import { loadParser, parseShell, ShellSyntaxError } from "./parse.ts";
import { Shell } from "./shell.ts";
import { parseShellArgs } from "./sh_args.ts";
import { ashSyntaxMessage } from "./syntax_errors.ts";
import { runExitTrap, setTrap } from "./traps.ts";

export const shellApplet: Applet = async (ctx) => {
  const kctx = ctx as KernelContext;
  if (!kctx.kernel) {
    throw new Error("sh runs only inside the sandbox kernel (its context has no kernel)");
  }
  await loadParser();
  const sh = new Shell(kctx);
  const args = parseShellArgs(ctx.argv);
  if (typeof args === "string") {
    await ctx.stderr.write(`sh: ${args}\n`);
    return 2;
  }
  for (const option of args.options) sh.options.add(option);
  // Brace expansion is bash's: on when invoked as bash, off as sh/ash (busybox ash has none).
  if (basename(ctx.argv[0] ?? "") === "bash") sh.options.add("B");
  const { rest } = args;
  let interactive = args.interactive;
  try {
    if (args.login) await sourceProfiles(sh);
    if (args.command) {
      if (rest.length === 0) {
        await ctx.stderr.write("sh: -c requires an argument\n");
        return 2;
      }
      sh.lineBase = -1;
      if (rest.length > 1) sh.arg0 = rest[1];
      sh.positional = rest.slice(2);
      await sh.runSource(rest[0]);
    } else if (rest.length > 0 && !args.stdin) {
      sh.arg0 = rest[0];
      sh.positional = rest.slice(1);
      sh.options.add("script");
      let text: string;
      try {
        text = new TextDecoder().decode(await ctx.fs.readFile(resolvePath(sh.cwd, rest[0])));
      } catch {
        await ctx.stderr.write(`sh: can't open '${rest[0]}': No such file or directory\n`);
        return 2;
      }
      await sh.runSource(text);
    } else {
      sh.positional = rest;
      // Like ash: a shell reading commands from a terminal is interactive.
      interactive ||= kctx.tty[0] === true && kctx.tty[2] === true;
      if (interactive) {
        // An interactive shell survives ^C and `kill` (SIGTERM), as ash's does.
        setTrap(sh, "INT", "");
        setTrap(sh, "TERM", "");
        sh.traps.delete("INT");
        sh.traps.delete("TERM");
      }
      await runStdin(sh, interactive);
    }
  } catch (flow) {
    if (!(flow instanceof ExitFlow)) throw flow;
    sh.status = flow.status;
  }
  try {
    await runExitTrap(sh);
  } catch (flow) {
    if (!(flow instanceof ExitFlow)) throw flow;
    sh.status = flow.status;
  }
  return sh.status;
};

/** A login shell reads /etc/profile, then $HOME/.profile, when they exist (as ash does). */
async function sourceProfiles(sh: Shell): Promise<void> {
  const home = sh.vars.value("HOME");
  for (const path of ["/etc/profile", ...(home ? [`${home}/.profile`] : [])]) {
    let text: string;
    try {
      text = new TextDecoder().decode(await sh.fs.readFile(path));
    } catch {
      continue;
    }
    await sh.runSource(text);
  }
}

/**
 * Reads the script from stdin a line at a time and runs each complete command as soon as it
 * parses, leaving the unread rest of stdin to the commands (`sh <<EOF … read x …`).
 */
async function runStdin(sh: Shell, interactive: boolean): Promise<void> {
  const input = sh.input(0);
  const decoder = new TextDecoder();
  let pending = "";
  while (true) {
    if (interactive) {
      const prompt = pending === "" ? sh.vars.value("PS1") ?? "" : sh.vars.value("PS2") ?? "> ";
      await sh.output(2).write(expandPrompt(sh, prompt)).catch(() => {});
    }
    const line = await readLine(input, sh.signal);
    if (line === null && pending === "") return;
    pending += line === null ? "" : decoder.decode(line);
    let file;
    try {
      file = parseShell(pending, { braces: sh.options.has("B") });
    } catch (error) {
      if (error instanceof ShellSyntaxError && line !== null && incomplete(error)) continue;
      if (error instanceof ShellSyntaxError) {
        await sh.error(`syntax error: ${ashSyntaxMessage(error.text, error.incomplete)}`);
        if (!interactive) throw new ErrorExit(2);
        pending = "";
        continue;
      }
      throw error;
    }
    pending = "";
    try {
      await sh.runStmts(file.Stmts);
    } catch (flow) {
      // An error ends a command typed at the prompt, not the session.
      if (!(interactive && flow instanceof ErrorExit)) throw flow;
      sh.status = flow.status;
    }
    if (line === null) return;
  }
}

/** Expands ash's prompt escapes: \w, \W, \u, \h, \H, \$, \n and \\. */
export function expandPrompt(sh: Shell, prompt: string): string {
  const home = sh.vars.value("HOME");
  const cwd = home && home !== "/" && (sh.cwd === home || sh.cwd.startsWith(home + "/"))
    ? "~" + sh.cwd.slice(home.length)
    : sh.cwd;
  let out = "";
  for (let i = 0; i < prompt.length; i++) {
    const c = prompt[i];
    if (c !== "\\" || i + 1 >= prompt.length) {
      out += c;
      continue;
    }
    const e = prompt[++i];
    if (e === "w") out += cwd;
    else if (e === "W") out += cwd === "/" ? "/" : cwd.slice(cwd.lastIndexOf("/") + 1);
    else if (e === "u") {
      out += sh.vars.value("USER") ?? (sh.ctx.uid === 0 ? "root" : String(sh.ctx.uid));
    } else if (e === "h") out += sh.ctx.system.hostname.split(".")[0];
    else if (e === "H") out += sh.ctx.system.hostname;
    else if (e === "$") out += sh.ctx.uid === 0 ? "#" : "$";
    else if (e === "n") out += "\n";
    else if (e === "\\") out += "\\";
    else out += "\\" + e;
  }
  return out;
}

function incomplete(error: ShellSyntaxError): boolean {
  return error.incomplete;
}

async function readLine(
  input: { read(signal?: AbortSignal): Promise<Uint8Array | null>; unread(b: Uint8Array): void },
  signal: AbortSignal,
): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  while (true) {
    const chunk = await input.read(signal);
    if (chunk === null) break;
    const nl = chunk.indexOf(0x0a);
    if (nl >= 0) {
      parts.push(chunk.subarray(0, nl + 1));
      input.unread(chunk.subarray(nl + 1));
      break;
    }
    parts.push(chunk);
  }
  if (parts.length === 0) return null;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
