/**
 * The Worker a workload lives in, created with no permissions at all: no files, network, env or
 * subprocesses. It builds the container's filesystem and sandbox, then runs the agent wrapping
 * the workload's command; the agent talks to the simulator over a MessagePort with the same JSON
 * frames it uses over a WebSocket in a cloud.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import {
  bytesInput,
  createSandbox,
  exportTar,
  type FileSystem,
  nullOutput,
  type Sandbox,
  type SystemInfo,
} from "../../../sandbox/mod.ts";
import { runAgent } from "../../../agent/agent.ts";
import { portChannel } from "../../../agent/channel.ts";
import { runLambdaRuntime } from "../../../agent/lambda_runtime.ts";
import { InvocationSessions } from "../../../agent/lambda_sessions.ts";
import { portFetch } from "./fetch_bridge.ts";
import { portDialer } from "./dial_bridge.ts";
import { sandboxLauncher } from "../../../agent/sandbox_launcher.ts";
import { builtinRootfs } from "./builtin_rootfs.ts";
import { dialBackLauncher } from "./dialback_main.ts";
import { imageRootfs } from "./image_root.ts";
import type { WorkloadSpec } from "./workload.ts";
// Docker's user resolution against the container's own /etc/passwd and /etc/group.
import { resolveUser } from "../../../backends/memory/container/user.ts";

/** The one message the host sends: what to run and where its bytes go. */
export interface StartWorkload {
  spec: WorkloadSpec;
  containerId: string;
  port: MessagePort;
  stdout: WritableStream<Uint8Array>;
  stderr: WritableStream<Uint8Array>;
  /** For Lambda instances: the port the Runtime API's HTTP requests are bridged over. */
  fetchPort?: MessagePort;
  /**
   * For workloads with a callback URL: the port the agent dials its backend through. A Lambda
   * instance's agent serves exec beside the Runtime API loop; a task's command runs under it.
   */
  dialPort?: MessagePort;
}

/** What the Worker reports back. */
export type WorkloadReport =
  | { type: "started" }
  | { type: "exited"; code: number }
  | { type: "failed"; message: string };

function _system(hostname: string): SystemInfo {
  return {
    hostname,
    kernel: { sysname: "Linux", release: "6.1.0-sockerless", version: "#1 SMP", machine: "x86_64" },
    ncpu: navigator.hardwareConcurrency,
    memTotalBytes: 2 ** 31,
    memFreeBytes: () => 2 ** 30,
    bootTimeMs: Date.now(),
  };
}

const _bytes = async (s: ReadableStream<Uint8Array>) =>
  new Uint8Array(await new Response(s).arrayBuffer());

/**
 * Warm-up while the Worker waits for its workload: the first spawn loads the shell parser and the
 * shared rootfs layer, and a first layer import the tar reader, which would otherwise be paid at
 * the workload's start.
 */
const warmedUp = (async () => {
  const system = _system("warm-up");
  const fs = await builtinRootfs(system);
  // An image workload imports its layer tars: parse one small tar so that code is loaded too.
  await imageRootfs([{ digest: "warm-up", tar: await _bytes(exportTar(fs, "/etc")) }], system, "/");
  const sandbox = createSandbox({ fs, system });
  const p = await sandbox.spawn({
    argv: ["sh", "-c", "true"],
    stdin: bytesInput(),
    stdout: nullOutput,
    stderr: nullOutput,
  });
  await p.exited;
})();

/** The image's layers, or the built-in tree when the simulator resolved the image to it. */
function _rootfs(spec: WorkloadSpec, system: SystemInfo): Promise<FileSystem> {
  if (spec.root?.kind !== "layers") return builtinRootfs(system);
  return imageRootfs(spec.root.layers, system, spec.workdir ?? "/");
}

/**
 * Every process of the workload runs as its user, as in a container started with `User`, with
 * HOME from the image's passwd when unset (Docker's rule; the built-in tree keeps its own env).
 */
async function _asUser(sandbox: Sandbox, fs: FileSystem, spec: WorkloadSpec): Promise<Sandbox> {
  if (!spec.user && spec.root?.kind !== "layers") return sandbox;
  const user = await resolveUser(fs, spec.user ?? "");
  spec.env.HOME ??= user.home;
  if (user.uid === 0 && user.gid === 0) return sandbox;
  return {
    processes: sandbox.processes,
    killAll: () => sandbox.killAll(),
    spawn: (request) => sandbox.spawn({ uid: user.uid, gid: user.gid, ...request }),
  };
}

self.onmessage = async (e: MessageEvent<StartWorkload>) => {
  const { spec, containerId, port, stdout, stderr, fetchPort, dialPort } = e.data;
  try {
    await warmedUp;
    const system = _system(spec.hostname ?? containerId.slice(0, 12));
    const fs = await _rootfs(spec, system);
    const sandbox = await _asUser(createSandbox({ fs, system }), fs, spec);
    self.postMessage({ type: "started" } satisfies WorkloadReport);
    if (spec.lambdaRuntimeApi && fetchPort) {
      // A function instance serves events until the simulator retires it (terminating the Worker).
      // With a callback URL its agent also dials back, serving exec into the instance meanwhile.
      // Its invocations are attachable through that agent, stdout and stderr apart.
      const invocations = dialPort ? new InvocationSessions() : undefined;
      if (dialPort) {
        void runAgent({
          invocations,
          containerId: spec.env.SOCKERLESS_CONTAINER_ID ?? containerId,
          connect: portDialer(dialPort),
          launcher: sandboxLauncher(sandbox),
          base: { env: spec.env, workdir: spec.workdir ?? "/" },
          signal: new AbortController().signal,
          stdout,
          stderr,
        });
      }
      await runLambdaRuntime({
        api: spec.lambdaRuntimeApi,
        handler: { argv: spec.argv, env: spec.env, workdir: spec.workdir ?? "/" },
        launcher: invocations?.launcher(sandboxLauncher(sandbox)) ?? sandboxLauncher(sandbox),
        stderr,
        fetch: portFetch(fetchPort),
      });
      self.postMessage({ type: "exited", code: 0 } satisfies WorkloadReport);
      return;
    }
    const launcher = dialPort
      ? dialBackLauncher(sandboxLauncher(sandbox), {
        containerId: spec.env.SOCKERLESS_CONTAINER_ID ?? containerId,
        connect: portDialer(dialPort),
      })
      : sandboxLauncher(sandbox);
    const code = await runAgent({
      containerId,
      channel: portChannel(port),
      launcher,
      main: { argv: spec.argv, env: spec.env, workdir: spec.workdir ?? "/" },
      stdout,
      stderr,
    });
    sandbox.killAll();
    await Promise.all([stdout.close().catch(() => {}), stderr.close().catch(() => {})]);
    self.postMessage({ type: "exited", code } satisfies WorkloadReport);
  } catch (err) {
    self.postMessage({ type: "failed", message: (err as Error).message } satisfies WorkloadReport);
  }
};
