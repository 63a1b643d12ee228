/**
 * The container actor: one container from `docker create` to `docker rm`, in a Worker with no
 * host permissions. It owns the container's filesystem and its process tree (the sandbox) and
 * answers the messages of ./protocol.ts. Every message is answered promptly: processes run on,
 * and their output and exit status travel as a stream and a port.
 *
 * @module
 */
import { defineActor } from "../../../actors/mod.ts";
import { Conflict } from "../../core/errors.ts";
import {
  commitLayer,
  type ContainerFileSystem,
  createSandbox,
  exportLayer,
  type ProcessTable,
  type Sandbox,
  type SystemInfo,
  useShellParser,
} from "../../../sandbox/mod.ts";
import { archivePath, exportFileSystem, extractInto, statPath } from "./archive.ts";
import { createContainerRoot } from "./container_root.ts";
import { imageLayerStack } from "./image_layers.ts";
import { mountAll } from "./mounts/mount_all.ts";
import { createNetworkStack } from "./net/net_stack.ts";
import { type RunningProcess, startProcess } from "./process_runner.ts";
import type { ContainerActorArgs, ContainerMsg, ContainerProcess } from "./protocol.ts";
import { processGroup } from "./process_group.ts";
import { parseSignal } from "./signals.ts";
import { containerSystemInfo } from "./system_info.ts";

interface ContainerState {
  args: ContainerActorArgs;
  system: SystemInfo;
  fs: ContainerFileSystem;
  /** The current process tree; a new one (pid 1 again) for each start of the main process. */
  sandbox: Sandbox;
  main?: RunningProcess;
  /** Processes started by `run` that have not exited, by pid. */
  running: Map<number, RunningProcess>;
}

export default defineActor<ContainerActorArgs, ContainerMsg, ContainerState>({
  async start(args, ctx) {
    useShellParser(args.parser);
    const image = args.image.kind === "layers"
      ? await imageLayerStack(args.image.layers)
      : undefined;
    const system = containerSystemInfo(args);
    // /proc lists the processes of whichever process tree is current (none before start ends).
    const processes: ProcessTable = {
      list: () => ctx.state?.sandbox.processes.list() ?? [],
      kill: (pid, signal) => ctx.state?.sandbox.processes.kill(pid, signal) ?? false,
    };
    const fs = await createContainerRoot({
      hostname: args.hostname,
      hosts: args.hosts,
      resolvConf: args.resolvConf,
      system,
      processes,
      image,
    });
    return { args, system, fs, sandbox: createSandbox({ fs, system }), running: new Map() };
  },

  async receive(msg, ctx) {
    const state = ctx.state;
    const id = state.args.id;
    switch (msg.type) {
      case "run": {
        const mainRunning = state.main !== undefined && state.running.has(state.main.pid) &&
          state.running.get(state.main.pid) === state.main;
        if (msg.role === "main" && mainRunning) {
          throw new Conflict(`container ${id} is already running`);
        }
        if (msg.role === "exec" && !mainRunning) {
          throw new Conflict(`container ${id} is not running`);
        }
        if (msg.role === "main" && state.main) {
          // A restart: a fresh process tree over the same filesystem, so the main is pid 1.
          state.sandbox = createSandbox({ fs: state.fs, system: state.system });
        }
        const sandbox = state.sandbox;
        const started = await startProcess({
          sandbox,
          fs: state.fs,
          hostname: state.args.hostname,
          // When pid 1 dies every other process in its pid namespace is killed.
          afterExit: msg.role === "main" ? () => killEverything(state, sandbox) : undefined,
        }, msg.process);
        if (msg.role === "main") state.main = started;
        state.running.set(started.pid, started);
        started.exited.then(() => {
          if (state.running.get(started.pid) === started) state.running.delete(started.pid);
        });
        return ctx.reply(started.reply, [started.reply.output, started.reply.exit]);
      }
      case "stdin": {
        const target = state.running.get(msg.pid);
        if (!target?.stdin) {
          await msg.stream.cancel().catch(() => {});
          throw new Conflict(
            target
              ? `process ${msg.pid} has no stdin pipe (OpenStdin is false)`
              : `process ${msg.pid} is not running`,
          );
        }
        target.stdin.feed(msg.stream, msg.closeAtEnd);
        return;
      }
      case "signal": {
        const name = parseSignal(msg.signal);
        if (!state.sandbox.processes.kill(msg.pid, name)) {
          throw new Conflict(`process ${msg.pid} is not running in container ${id}`);
        }
        if (name === "SIGKILL") interruptWritersOf(state, msg.pid);
        return;
      }
      case "signal-all": {
        const name = parseSignal(msg.signal);
        let reached = 0;
        for (const p of state.sandbox.processes.list()) {
          if (state.sandbox.processes.kill(p.pid, name)) reached++;
        }
        if (name === "SIGKILL") { for (const p of state.running.values()) p.interruptOutput(); }
        return reached;
      }
      case "processes":
        return state.sandbox.processes.list().map((p): ContainerProcess => ({ ...p }));
      case "archive-stat":
        return await statPath(state.fs, msg.path, id);
      case "archive-get": {
        const reply = await archivePath(state.fs, msg.path, id);
        return ctx.reply(reply, [reply.tar]);
      }
      case "archive-put":
        return await extractInto(state.fs, msg.path, msg.tar, {
          noOverwriteDirNonDir: msg.noOverwriteDirNonDir,
          containerId: id,
          owner: msg.owner,
        });
      case "export": {
        const tar = exportFileSystem(state.fs);
        return ctx.reply(tar, [tar]);
      }
      case "changes":
        return state.fs.changes();
      case "size":
        return state.fs.size();
      case "memory": {
        // Each Worker is its own isolate, so its heap figures are this container's alone.
        const { heapUsed, heapTotal, external } = Deno.memoryUsage();
        return { heapUsed, heapTotal, external };
      }
      case "commit-layer": {
        const tar = exportLayer(commitLayer(state.fs));
        return ctx.reply(tar, [tar]);
      }
      case "mount":
        return await mountAll(state.fs, msg.mounts);
      case "net":
        // SystemInfo is shared with every process tree, so later restarts see the network too.
        state.system.net = createNetworkStack(msg.port, state.fs);
        return;
    }
  },

  async stop(ctx) {
    const state = ctx.state;
    killEverything(state, state.sandbox);
    for (const p of state.running.values()) p.stdin?.close();
    // Killed programs end promptly; waiting lets their exit statuses reach the backend.
    await Promise.all([...state.running.values()].map((p) => p.exited));
    useShellParser(undefined);
  },
});

/** SIGKILLs every process of `sandbox`, including those stuck writing to an unread output. */
function killEverything(state: ContainerState, sandbox: Sandbox): void {
  sandbox.killAll();
  for (const p of state.running.values()) p.interruptOutput();
}

/** After a SIGKILL of `pid`: frees it if it is blocked writing to its run's unread output. */
function interruptWritersOf(state: ContainerState, pid: number): void {
  for (const p of state.running.values()) {
    if (processGroup(state.sandbox.processes, p.pid).includes(pid)) p.interruptOutput();
  }
}
