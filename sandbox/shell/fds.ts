/**
 * The shell's file descriptor table and the redirections that change it: files, duplication
 * (`2>&1`, `>&2`), closing (`<&-`), here-documents, here-strings and `/dev/std*`.
 *
 * @module
 */
import type { FileHandle, Input, Output } from "../types.ts";
import { FsError } from "../types.ts";
import { bytesInput, nullOutput, toBytes } from "../io.ts";
import { resolvePath } from "../path.ts";
import type { Redirect } from "./ast.ts";
import { expandString } from "./expand.ts";
import { expandHeredoc, heredocQuoted, stripLeadingTabs } from "./heredoc.ts";
import type { Shell } from "./shell.ts";

/** One open descriptor: readable, writable or both. */
export interface Fd {
  input?: Input;
  output?: Output;
  /** A terminal, for `[ -t N ]`. */
  tty?: boolean;
}

/** A redirection that fails (missing file, bad descriptor): the command does not run, status 1. */
export class RedirectError extends Error {}

/** A closed descriptor as a program sees it: every read and write fails with EBADF. */
export function badFd(n: number): Input & Output {
  const fail = () =>
    Promise.reject(new FsError("EBADF", `/proc/self/fd/${n}`, "Bad file descriptor"));
  return { read: fail, unread: () => {}, write: fail };
}

/** Applies redirections to `sh.fds` (which the caller has copied); returns the cleanup. */
export async function applyRedirects(sh: Shell, redirs: Redirect[]): Promise<() => Promise<void>> {
  const opened: FileHandle[] = [];
  const cleanup = async () => {
    for (const handle of opened) await handle.close().catch(() => {});
  };
  try {
    for (const r of redirs) await applyOne(sh, r, opened);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return cleanup;
}

async function applyOne(sh: Shell, r: Redirect, opened: FileHandle[]) {
  const op = r.Op;
  const readSide = op === "<" || op === "<>" || op === "<&" || op.startsWith("<<");
  const n = r.N ? Number(r.N.Value) : readSide ? 0 : 1;
  if (op === "<<" || op === "<<-") {
    const body = r.Hdoc ?? { type: "Word", Parts: [] };
    const text = heredocQuoted(r.Word)
      ? (op === "<<-" ? stripLeadingTabs(literal(body), true) : literal(body))
      : await expandHeredoc(sh, body, op === "<<-");
    sh.fds[n] = { input: bytesInput(text) };
    return;
  }
  const target = await expandString(sh, r.Word);
  if (op === "<<<") {
    sh.fds[n] = { input: bytesInput(target + "\n") };
    return;
  }
  if (op === "<&" || op === ">&") {
    if (target === "-") {
      sh.fds[n] = undefined;
      return;
    }
    if (/^[0-9]+$/.test(target)) {
      const source = sh.fds[Number(target)];
      if (!source) throw new RedirectError(`${target}: Bad file descriptor`);
      sh.fds[n] = source;
      return;
    }
    if (op === "<&") throw new RedirectError(`${target}: Bad file descriptor`);
  }
  const both = op === "&>" || op === "&>>" || (op === ">&" && !r.N);
  const fd = await openTarget(sh, target, op, opened);
  sh.fds[n] = fd;
  if (both) sh.fds[2] = fd;
}

function literal(word: { Parts: { Value?: string }[] } | { Parts: unknown[] }): string {
  // deno-lint-ignore no-explicit-any
  return (word.Parts as any[]).map((p) => p.Value ?? "").join("");
}

async function openTarget(
  sh: Shell,
  target: string,
  op: string,
  opened: FileHandle[],
): Promise<Fd> {
  const device = specialDevice(sh, target);
  if (device) return device;
  const path = resolvePath(sh.cwd, target);
  const write = op !== "<";
  const append = op === ">>" || op === "&>>";
  try {
    if (op === ">" && sh.options.has("C")) {
      const exists = await sh.fs.stat(path).then((s) => s.kind === "file", () => false);
      if (exists) throw new RedirectError(`can't create ${target}: File exists`);
    }
    const handle = await sh.fs.open(path, {
      read: op === "<" || op === "<>",
      write,
      append,
      create: write,
      truncate: write && !append && op !== "<>",
      mode: 0o666 & ~sh.umask,
    });
    opened.push(handle);
    return { input: fileInput(handle), output: write ? fileOutput(handle) : undefined };
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    throw new RedirectError(
      write
        ? `can't create ${target}: ${reason(error, true)}`
        : `can't open ${target}: ${reason(error, false)}`,
    );
  }
}

/** ash's short reasons for failed redirections ("no such file", "nonexistent directory"). */
function reason(error: FsError, create: boolean): string {
  switch (error.code) {
    case "ENOENT":
      return create ? "nonexistent directory" : "no such file";
    case "EISDIR":
      return "Is a directory";
    case "ENOTDIR":
      return "Not a directory";
    case "EACCES":
    case "EPERM":
      return "Permission denied";
    case "EROFS":
      return "Read-only file system";
    case "EEXIST":
      return "File exists";
    default:
      return error.message;
  }
}

function specialDevice(sh: Shell, target: string): Fd | undefined {
  switch (target) {
    case "/dev/null":
      return { input: bytesInput(), output: nullOutput };
    case "/dev/stdin":
      return sh.fds[0];
    case "/dev/stdout":
      return sh.fds[1];
    case "/dev/stderr":
      return sh.fds[2];
  }
  if (target.startsWith("/dev/fd/")) return sh.fds[Number(target.slice(8))];
  return undefined;
}

/** Reads an open file as an {@link Input}. */
export function fileInput(handle: FileHandle): Input {
  const pending: Uint8Array[] = [];
  return {
    async read(signal) {
      signal?.throwIfAborted();
      return pending.shift() ?? await handle.read(65536, signal);
    },
    unread(bytes) {
      if (bytes.length > 0) pending.unshift(bytes);
    },
  };
}

/** Writes an open file as an {@link Output}. */
export function fileOutput(handle: FileHandle): Output {
  return {
    async write(data) {
      let bytes = toBytes(data);
      while (bytes.length > 0) {
        const n = await handle.write(bytes);
        bytes = bytes.subarray(n);
      }
    },
  };
}
