/**
 * A small `/proc`, generated on every lookup from what the caller supplies: the
 * {@link SystemInfo}, the {@link ProcessTable} and the mount table. It invents no figures; where
 * the sandbox has no such thing (swap, page cache, idle accounting) the file says zero, which is
 * the truth for the sandbox.
 *
 * @module
 */
import type { ProcessInfo, ProcessTable, SystemInfo } from "../types.ts";
import { Pipe } from "./fifo.ts";
import {
  allocateIno,
  type DirNode,
  type GeneratedNode,
  newDir,
  newFifo,
  newSymlink,
  type Node,
  type Owner,
  type ProcessView,
} from "./node.ts";
import { MemoryTree } from "./tree.ts";

export interface ProcSources {
  system: SystemInfo;
  processes?: ProcessTable;
  /** Lines of /proc/mounts, computed from the live mount table. */
  mounts: () => string[];
}

/** Linux reports process times in clock ticks of USER_HZ = 100 per second. */
const USER_HZ = 100;
const encoder = new TextEncoder();

function generated(owner: Owner, generate: (view: ProcessView) => string): GeneratedNode {
  const now = Date.now();
  return {
    kind: "generated",
    ino: allocateIno(),
    mode: 0o444,
    uid: 0,
    gid: 0,
    mtimeMs: now,
    atimeMs: now,
    ctimeMs: now,
    nlink: 1,
    owner,
    generate: (view) => encoder.encode(generate(view)),
  };
}

function synthetic(owner: Owner, list: (view: ProcessView) => Map<string, Node>): DirNode {
  const dir = newDir(owner, { mode: 0o555 });
  dir.list = list;
  return dir;
}

function commandName(process: ProcessInfo): string {
  const argv0 = process.args[0] ?? "";
  return argv0.slice(argv0.lastIndexOf("/") + 1).slice(0, 15);
}

const STATE_NAMES = { R: "running", S: "sleeping", T: "stopped", Z: "zombie" } as const;

function processDir(owner: Owner, sources: ProcSources, process: ProcessInfo, self: boolean) {
  const ticks = Math.max(
    0,
    Math.round((process.startedMs - sources.system.bootTimeMs) / 1000 * USER_HZ),
  );
  const entries = new Map<string, Node>([
    ["cmdline", generated(owner, () => process.args.map((arg) => `${arg}\0`).join(""))],
    ["comm", generated(owner, () => `${commandName(process)}\n`)],
    [
      "status",
      generated(owner, () =>
        [
          `Name:\t${commandName(process)}`,
          `State:\t${process.state} (${STATE_NAMES[process.state]})`,
          `Pid:\t${process.pid}`,
          `PPid:\t${process.ppid}`,
          `Uid:\t${process.uid}\t${process.uid}\t${process.uid}\t${process.uid}`,
          "",
        ].join("\n")),
    ],
    // proc(5) field order; counters the sandbox does not keep (faults, cpu time, memory) are 0.
    [
      "stat",
      generated(owner, () => {
        const fields = [process.pid, `(${commandName(process)})`, process.state, process.ppid];
        const zeros = (n: number) => Array(n).fill(0);
        return [...fields, ...zeros(17), ticks, ...zeros(30)].join(" ") + "\n";
      }),
    ],
  ]);
  // Only a process's own view knows its stdio; other pids' fds are not visible.
  if (self) entries.set("fd", fdDir(owner));
  return synthetic(owner, () => entries);
}

/** /proc/self/fd: the stdio streams the looking process was given. */
function fdDir(owner: Owner): DirNode {
  return synthetic(owner, (view) => {
    const fds = new Map<string, Node>();
    const streams = [view.stdio?.stdin, view.stdio?.stdout, view.stdio?.stderr];
    for (const fd of [0, 1, 2] as const) {
      if (streams[fd]) {
        fds.set(String(fd), { ...newFifo(owner, new Pipe(), { mode: 0o600 }), stdio: fd });
      }
    }
    return fds;
  });
}

function cpuinfo(system: SystemInfo): string {
  const blocks = [];
  for (let i = 0; i < system.ncpu; i++) blocks.push(`processor\t: ${i}\n`);
  return blocks.join("\n");
}

function meminfo(system: SystemInfo): string {
  const kb = (bytes: number) => `${Math.floor(bytes / 1024)} kB`.padStart(12);
  const free = system.memFreeBytes();
  // No page cache and no swap in the sandbox, so free memory is all available.
  return [
    `MemTotal:    ${kb(system.memTotalBytes)}`,
    `MemFree:     ${kb(free)}`,
    `MemAvailable:${kb(free)}`,
    `Buffers:     ${kb(0)}`,
    `Cached:      ${kb(0)}`,
    `SwapTotal:   ${kb(0)}`,
    `SwapFree:    ${kb(0)}`,
    "",
  ].join("\n");
}

function loadavg(processes: ProcessInfo[]): string {
  // The sandbox keeps no load history: all three averages are the runnable count right now.
  const running = processes.filter((p) => p.state === "R").length;
  const last = processes.reduce((max, p) => Math.max(max, p.pid), 0);
  const load = running.toFixed(2);
  return `${load} ${load} ${load} ${running}/${processes.length} ${last}\n`;
}

/** A read-only tree for mounting at /proc. */
export function createProcTree(sources: ProcSources): MemoryTree {
  const tree = new MemoryTree();
  const { system } = sources;
  const list = () => sources.processes?.list() ?? [];
  const fixed = new Map<string, Node>([
    ["cpuinfo", generated(tree, () => cpuinfo(system))],
    ["meminfo", generated(tree, () => meminfo(system))],
    [
      "uptime",
      generated(tree, () => `${((Date.now() - system.bootTimeMs) / 1000).toFixed(2)} 0.00\n`),
    ],
    ["loadavg", generated(tree, () => loadavg(list()))],
    ["mounts", generated(tree, () => sources.mounts().map((line) => `${line}\n`).join(""))],
    [
      "version",
      generated(tree, () => {
        const { sysname, release, version } = system.kernel;
        return `${sysname} version ${release} ${version}\n`;
      }),
    ],
  ]);
  const kernel = new Map<string, Node>([
    ["hostname", generated(tree, () => `${system.hostname}\n`)],
    ["ostype", generated(tree, () => `${system.kernel.sysname}\n`)],
    ["osrelease", generated(tree, () => `${system.kernel.release}\n`)],
    ["version", generated(tree, () => `${system.kernel.version}\n`)],
  ]);
  const kernelDir = synthetic(tree, () => kernel);
  const sysDir = synthetic(tree, () => new Map([["kernel", kernelDir]]));
  fixed.set("sys", sysDir);
  tree.root = synthetic(tree, (view) => {
    const entries = new Map(fixed);
    for (const process of list()) {
      entries.set(
        String(process.pid),
        processDir(tree, sources, process, process.pid === view.pid),
      );
    }
    if (view.pid === undefined) {
      // A view without a pid still has its own stdio under /proc/self/fd.
      if (view.stdio) entries.set("self", synthetic(tree, () => new Map([["fd", fdDir(tree)]])));
      return entries;
    }
    if (!entries.has(String(view.pid))) {
      entries.set(String(view.pid), synthetic(tree, () => new Map([["fd", fdDir(tree)]])));
    }
    entries.set("self", newSymlink(tree, String(view.pid)));
    return entries;
  });
  return tree;
}
