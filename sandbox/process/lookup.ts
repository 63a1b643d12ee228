/**
 * Finds what a command name means in the sandbox filesystem and how to run it, like execvp:
 * a name with a slash is a path, otherwise each `$PATH` directory is tried in turn.
 *
 * A file is run by what it is:
 * - `/bin/busybox`, or anything resolving to it (a symlink, or a hard link sharing its inode), is
 *   the TypeScript applet named by the name it was invoked as (`/bin/ls` → `ls`), the way busybox
 *   dispatches on argv[0]; `busybox APPLET args` names the applet in argv[1]. This is also how a
 *   pulled Alpine image's busybox links run.
 * - `#!interpreter [arg]` runs the interpreter with the script path, as execve does.
 * - `\0asm` is a WASI module, `\x7fELF` a native binary (which cannot run here: 126).
 * - Other text without `#!` runs as a shell script, as POSIX shells do after ENOEXEC.
 *
 * @module
 */
import type { Applet, FileSystem, Stat } from "../types.ts";
import { FsError } from "../types.ts";
import { basename, resolvePath } from "../path.ts";

export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
export const BUSYBOX_PATH = "/bin/busybox";

/** A program found and ready to run with its final argv (a script's interpreter comes first). */
export interface ResolvedProgram {
  kind: "applet" | "script" | "wasi";
  program: Applet;
  argv: string[];
  /** The file run, for `ps` and `command -v`. */
  path: string;
}

/** A command that cannot run: the shell prints `message` and the status is 126 or 127. */
export interface LookupFailure {
  kind: "failure";
  status: 126 | 127;
  message: string;
  /** The errno text, as a program reports a failed exec ("No such file or directory"). */
  reason: string;
}

/**
 * `ProcessContext.spawn` rejects with this when the command cannot be executed at all, as
 * execvp fails in the child: the program reports it in its own words (`env: can't execute
 * 'x': No such file or directory`) and usually exits 127.
 */
export class ExecError extends Error {
  constructor(readonly status: 126 | 127, readonly command: string, reason: string) {
    super(reason);
    this.name = "ExecError";
  }
}

/** How file contents that are not applets or scripts are run; supplied by sandbox/wasi. */
export interface BinaryRunners {
  wasi?: (bytes: Uint8Array) => Applet;
  /** The message for a native ELF binary, which the sandbox cannot execute. */
  elfMessage: string;
}

export interface LookupOptions {
  fs: FileSystem;
  applets: Record<string, Applet>;
  cwd: string;
  path: string | undefined;
  binaries: BinaryRunners;
  /** Runs shell text as a script: the `sh` applet. */
  shell: Applet;
}

/** The path `name` resolves to through `$PATH`, or undefined; used by `command -v` and `which`. */
export async function findInPath(
  fs: FileSystem,
  name: string,
  cwd: string,
  path: string | undefined,
): Promise<string | undefined> {
  if (name.includes("/")) {
    const full = resolvePath(cwd, name);
    const st = await statOrUndefined(fs, full);
    return st && st.kind !== "dir" && executable(st) ? full : undefined;
  }
  for (const dir of (path ?? DEFAULT_PATH).split(":")) {
    const full = resolvePath(cwd, `${dir || "."}/${name}`);
    const st = await statOrUndefined(fs, full);
    if (st && st.kind !== "dir" && executable(st)) return full;
  }
  return undefined;
}

/** Resolves argv[0] to a runnable program, or the failure the shell reports. */
export async function lookupCommand(
  argv: string[],
  options: LookupOptions,
  depth = 0,
): Promise<ResolvedProgram | LookupFailure> {
  const name = argv[0];
  let full: string | undefined;
  if (name.includes("/")) {
    full = resolvePath(options.cwd, name);
  } else {
    let denied: string | undefined;
    for (const dir of (options.path ?? DEFAULT_PATH).split(":")) {
      const candidate = resolvePath(options.cwd, `${dir || "."}/${name}`);
      const st = await statOrUndefined(options.fs, candidate);
      if (!st || st.kind === "dir") continue;
      if (executable(st)) {
        full = candidate;
        break;
      }
      denied ??= candidate;
    }
    if (!full) {
      if (denied) return failure(126, name, "Permission denied");
      return failure(127, name, "No such file or directory", "not found");
    }
  }
  return await lookupFile(full, argv, options, depth);
}

async function lookupFile(
  full: string,
  argv: string[],
  options: LookupOptions,
  depth: number,
): Promise<ResolvedProgram | LookupFailure> {
  const name = argv[0];
  const st = await statOrUndefined(options.fs, full);
  if (!st) return failure(127, name, "No such file or directory", "not found");
  if (st.kind === "dir" || !executable(st)) return failure(126, name, "Permission denied");

  if (await isBusybox(options.fs, full, st)) return busyboxApplet(full, argv, options.applets);

  const head = await readHead(options.fs, full);
  if (head[0] === 0x23 && head[1] === 0x21) {
    if (depth >= 4) return failure(126, name, "Too many levels of symbolic links");
    const line = new TextDecoder().decode(head.subarray(2)).split("\n")[0].trim();
    const cut = line.search(/[ \t]/);
    const interpreter = cut < 0 ? line : line.slice(0, cut);
    const argument = cut < 0 ? "" : line.slice(cut).trim();
    if (!interpreter) return failure(126, name, "Exec format error");
    // Like execve, the script is passed as it was named (./x.sh stays ./x.sh for $0).
    const scriptPath = argv[0].includes("/") ? argv[0] : full;
    const next = [interpreter, ...(argument ? [argument] : []), scriptPath, ...argv.slice(1)];
    const found = await lookupFile(interpreter, next, options, depth + 1);
    if (found.kind === "failure" && found.status === 127) {
      // execve reports a missing interpreter as the script itself not being found.
      return failure(127, name, "No such file or directory", "not found");
    }
    return found;
  }
  if (head[0] === 0 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d) {
    if (!options.binaries.wasi) {
      return failure(126, name, "cannot run WebAssembly: no WASI runner in this sandbox");
    }
    const bytes = await options.fs.readFile(full);
    return { kind: "wasi", program: options.binaries.wasi(bytes), argv, path: full };
  }
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    return failure(126, name, options.binaries.elfMessage);
  }
  if (head.includes(0)) return failure(126, name, "Exec format error");
  return {
    kind: "script",
    program: options.shell,
    argv: ["sh", argv[0].includes("/") ? argv[0] : full, ...argv.slice(1)],
    path: full,
  };
}

function busyboxApplet(
  full: string,
  argv: string[],
  applets: Record<string, Applet>,
): ResolvedProgram | LookupFailure {
  let args = argv;
  let applet = basename(argv[0]);
  if (applet === "busybox") {
    if (argv.length < 2) {
      return { kind: "applet", program: listApplets(applets), argv, path: full };
    }
    args = argv.slice(1);
    applet = basename(args[0]);
  }
  const program = Object.hasOwn(applets, applet) ? applets[applet] : undefined;
  if (!program) return failure(127, applet, "applet not found");
  return { kind: "applet", program, argv: args, path: full };
}

function listApplets(applets: Record<string, Applet>): Applet {
  return async (ctx) => {
    await ctx.stdout.write(
      "BusyBox-compatible applets (TypeScript, Sockerless sandbox)\n" +
        "Currently defined functions:\n\t" + Object.keys(applets).sort().join(", ") + "\n",
    );
    return 0;
  };
}

async function isBusybox(fs: FileSystem, full: string, st: Stat): Promise<boolean> {
  if (full === BUSYBOX_PATH) return true;
  const busybox = await statOrUndefined(fs, BUSYBOX_PATH);
  if (!busybox) return false;
  if (busybox.ino === st.ino) return true;
  try {
    return (await fs.realpath(full)) === BUSYBOX_PATH;
  } catch {
    return false;
  }
}

async function readHead(fs: FileSystem, path: string): Promise<Uint8Array> {
  const handle = await fs.open(path, { read: true });
  try {
    return (await handle.read(256)) ?? new Uint8Array();
  } finally {
    await handle.close();
  }
}

/** Root may execute a file when any x bit is set; the sandbox treats every uid that way. */
function executable(st: Stat): boolean {
  return (st.mode & 0o111) !== 0;
}

async function statOrUndefined(fs: FileSystem, path: string): Promise<Stat | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (error instanceof FsError) return undefined;
    throw error;
  }
}

/** `reason` is what execve's errno says; the shell prints `shellText` (ash's "not found"). */
function failure(
  status: 126 | 127,
  name: string,
  reason: string,
  shellText = reason,
): LookupFailure {
  return { kind: "failure", status, message: `${name}: ${shellText}`, reason };
}
