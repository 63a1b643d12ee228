/**
 * `docker top` on the memory backend: the container's process table in the columns of `ps -ef`
 * (UID PID PPID C STIME TTY TIME CMD), which is what moby shows by default. Pids are the
 * sandbox's own (the main process is 1); user names come from the container's /etc/passwd.
 *
 * @module
 */
import { unpackTar } from "modern-tar";
import { Conflict, NotImplemented } from "../core/errors.ts";
import type { ContainerTop } from "../core/protocol_container_fs.ts";
import type { Container } from "./container.ts";
import type { ArchiveGetReply, ContainerProcess } from "./container/protocol.ts";

export const PS_EF_TITLES = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];

/** The `ps_args` that ask for the `-ef` listing (the CLI sends none by default). */
const PS_EF_ARGS = new Set(["", "-ef", "-e -f", "-fe", "ef"]);

/** uid → name from a passwd file's text. */
export function passwdNames(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split("\n")) {
    const [name, , uid] = line.split(":");
    if (name && uid !== undefined && /^\d+$/.test(uid) && !names.has(Number(uid))) {
      names.set(Number(uid), name);
    }
  }
  return names;
}

/** `ps`'s STIME: HH:MM for a start today, "MonDD" before that (procps' format). */
export function startTime(startedMs: number, now = new Date()): string {
  const d = new Date(startedMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d.toDateString() === now.toDateString()) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const month = d.toLocaleString("en-US", { month: "short" });
  return `${month}${pad(d.getDate())}`;
}

/** Rows of `ps -ef` for the processes. */
export function psEfRows(
  processes: ContainerProcess[],
  options: { names: Map<number, string>; tty: boolean; now?: Date },
): string[][] {
  return processes.map((p) => [
    options.names.get(p.uid) ?? String(p.uid),
    String(p.pid),
    String(p.ppid),
    // C (CPU use in percent) and TIME (CPU time) cannot be measured in the sandbox: its
    // processes share their Worker's thread and nothing accounts CPU per process, so 0.
    "0",
    startTime(p.startedMs, options.now),
    options.tty ? "pts/0" : "?",
    "00:00:00",
    p.args.join(" "),
  ]);
}

async function readPasswd(c: Container): Promise<Map<number, string>> {
  try {
    const { tar } = await c.actor.ask<ArchiveGetReply>({
      type: "archive-get",
      path: "/etc/passwd",
    });
    const [entry] = await unpackTar(tar);
    return passwdNames(new TextDecoder().decode(entry?.data ?? new Uint8Array()));
  } catch {
    // A container without /etc/passwd shows numeric uids, as ps does.
    return new Map();
  }
}

/** `GET /containers/{id}/top`. */
export async function topContainer(c: Container, psArgs = ""): Promise<ContainerTop> {
  if (!c.running) throw new Conflict(`Container ${c.id} is not running`);
  if (c.state.Paused) throw new Conflict(`Container ${c.id} is paused, unpause the container`);
  if (!PS_EF_ARGS.has(psArgs.trim())) {
    throw new NotImplemented(
      `memory backend: ps_args ${JSON.stringify(psArgs)} are not supported: the sandbox lists ` +
        "processes only as `ps -ef` does (send no ps_args, or -ef)",
    );
  }
  const [processes, names] = await Promise.all([
    c.actor.ask<ContainerProcess[]>({ type: "processes" }),
    readPasswd(c),
  ]);
  return {
    Titles: PS_EF_TITLES,
    Processes: psEfRows(processes, { names, tty: Boolean(c.config.Tty) }),
  };
}
