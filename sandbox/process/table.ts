/**
 * The sandbox's process table: pids from 1, parent links, and signal delivery. A signal either
 * reaches a handler the process installed (a shell `trap`), is ignored, or aborts the process's
 * AbortSignal with the signal name as reason. Pid 1 follows Linux: signals it has no handler for
 * are ignored, except SIGKILL, so `docker stop` of `sh -c 'sleep 100'` needs the SIGKILL.
 *
 * @module
 */
import type { ProcessInfo, ProcessTable, SignalName } from "../types.ts";
import { ignoredByDefault, signalName, signalNumber } from "./signals.ts";

/** What a process may do with a signal instead of dying of it. */
export type SignalDisposition = "default" | "ignore" | ((signal: SignalName) => void);

/** One running process as the kernel tracks it. */
export class ProcessEntry {
  readonly controller = new AbortController();
  readonly dispositions = new Map<SignalName, SignalDisposition>();
  state: ProcessInfo["state"] = "R";
  status: number | undefined;
  readonly exited: Promise<number>;
  #resolve!: (status: number) => void;

  constructor(
    readonly pid: number,
    readonly ppid: number,
    readonly uid: number,
    public args: string[],
    readonly startedMs: number,
  ) {
    this.exited = new Promise((resolve) => this.#resolve = resolve);
  }

  /** Aborts this process's signal; its program stops and exits with 128 + the signal number. */
  terminate(signal: SignalName): void {
    if (!this.controller.signal.aborted) this.controller.abort(signal);
  }

  finish(status: number): void {
    this.status = status;
    this.state = "Z";
    this.#resolve(status);
  }

  info(): ProcessInfo {
    return {
      pid: this.pid,
      ppid: this.ppid,
      uid: this.uid,
      args: [...this.args],
      startedMs: this.startedMs,
      state: this.state,
    };
  }
}

export class KernelProcessTable implements ProcessTable {
  readonly #entries = new Map<number, ProcessEntry>();
  #nextPid = 1;

  /** Allocates the next pid; the first process is pid 1, the container's main process. */
  create(ppid: number, uid: number, args: string[]): ProcessEntry {
    const entry = new ProcessEntry(this.#nextPid++, ppid, uid, args, Date.now());
    this.#entries.set(entry.pid, entry);
    // Reaped at once: there is no zombie state worth keeping for ps in the sandbox.
    entry.exited.then(() => this.#entries.delete(entry.pid));
    return entry;
  }

  get(pid: number): ProcessEntry | undefined {
    return this.#entries.get(pid);
  }

  list(): ProcessInfo[] {
    return [...this.#entries.values()].map((e) => e.info()).sort((a, b) => a.pid - b.pid);
  }

  kill(pid: number, signal: SignalName): boolean {
    const entry = this.#entries.get(pid);
    if (!entry) return false;
    // Signal 0 only asks whether the process exists.
    if (signalNumber(signal) === 0) return true;
    const name = signalName(signal) ?? signal;
    if (name === "SIGKILL") {
      entry.terminate(name);
      return true;
    }
    const disposition = entry.dispositions.get(name) ?? "default";
    if (typeof disposition === "function") disposition(name);
    else if (disposition === "default" && !ignoredByDefault(name) && pid !== 1) {
      entry.terminate(name);
    }
    return true;
  }

  /** SIGKILLs every process, as the end of a container does. */
  killAll(): void {
    for (const entry of this.#entries.values()) entry.terminate("SIGKILL");
  }
}
