/**
 * The simulator's {@link WorkloadRuntime}: every workload is a zero-permission Worker running the
 * agent over a sandbox (see workload_worker.ts). The host side speaks the agent protocol over a
 * MessagePort: the main process is session `main`; each exec is a session of its own.
 *
 * @module
 */
import {
  type AgentFrame,
  type BackendFrame,
  decodeAgentFrame,
  decodeBytes,
  encodeBytes,
  MAIN_SESSION,
} from "../../../agent/protocol.ts";
import type { StartWorkload, WorkloadReport } from "./workload_worker.ts";
import type { Workload, WorkloadRuntime, WorkloadSpec } from "./workload.ts";
import { serveFetchBridge } from "./fetch_bridge.ts";
import { serveDialBridge } from "./dial_bridge.ts";

/** After SIGKILL the agent gets this long to report the exit before its Worker is terminated. */
const KILL_GRACE_MS = 2_000;

interface Session {
  stdout: ReadableStreamDefaultController<Uint8Array>;
  stderr: ReadableStreamDefaultController<Uint8Array>;
  exit(code: number): void;
}

function _session(): {
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  exited: Promise<number>;
  sink: Session;
} {
  let out!: ReadableStreamDefaultController<Uint8Array>;
  let err!: ReadableStreamDefaultController<Uint8Array>;
  const stdout = new ReadableStream<Uint8Array>({ start: (c) => void (out = c) });
  const stderr = new ReadableStream<Uint8Array>({ start: (c) => void (err = c) });
  let exit!: (code: number) => void;
  const exited = new Promise<number>((r) => exit = r);
  return {
    stdout,
    stderr,
    exited,
    sink: {
      stdout: out,
      stderr: err,
      exit(code) {
        for (const c of [out, err]) {
          try {
            c.close();
          } catch {
            // the reader cancelled
          }
        }
        exit(code);
      },
    },
  };
}

function _newWorker(): Worker {
  return new Worker(new URL("./workload_worker.ts", import.meta.url), {
    type: "module",
    deno: { permissions: "none" },
  });
}

export function sandboxWorkloadRuntime(): WorkloadRuntime {
  // One Worker is kept loaded ahead of need: module loading is most of a workload's start-up.
  // Each Worker serves exactly one workload and is terminated after it, so nothing is shared.
  let spare: Worker | undefined;
  return {
    name: "sandbox (zero-permission Worker)",
    close() {
      spare?.terminate();
      spare = undefined;
    },
    start(spec: WorkloadSpec, signal?: AbortSignal): Promise<Workload> {
      signal?.throwIfAborted();
      const worker = spare ?? _newWorker();
      spare = _newWorker();
      const { port1, port2 } = new MessageChannel();
      const sessions = new Map<string, Session>();
      const bridgePorts: MessagePort[] = [];
      const hangUps: ((graceMs?: number) => void)[] = [];
      let next = 0;
      const send = (frame: BackendFrame) => port1.postMessage(JSON.stringify(frame));
      port1.onmessage = (e) => {
        if (e.data === null) return;
        let frame: AgentFrame;
        try {
          frame = decodeAgentFrame(String(e.data));
        } catch {
          return;
        }
        if (frame.type === "hello") return;
        const session = sessions.get(frame.id);
        if (!session) return;
        if (frame.type === "stdout") session.stdout.enqueue(decodeBytes(frame.data));
        else if (frame.type === "stderr") session.stderr.enqueue(decodeBytes(frame.data));
        else if (frame.type === "exit") {
          sessions.delete(frame.id);
          session.exit(frame.code);
        } else {
          session.stderr.enqueue(new TextEncoder().encode(`${frame.message}\n`));
        }
      };

      const main = _session();
      // Main output comes straight from the Worker's streams (the agent copies it there), so the
      // main session only carries the exit status.
      sessions.set(MAIN_SESSION, main.sink);
      const stdout = new TransformStream<Uint8Array, Uint8Array>();
      const stderr = new TransformStream<Uint8Array, Uint8Array>();
      let settle!: (code: number) => void;
      const exited = new Promise<number>((r) => settle = r);
      let done = false;
      /** `clean`: the Worker reported the exit itself, after its agents said goodbye. */
      const finish = (code: number, clean = false) => {
        if (done) return;
        done = true;
        for (const s of sessions.values()) s.exit(137);
        sessions.clear();
        port1.close();
        for (const p of bridgePorts) p.close();
        // A dial-back agent's last frames (its attach sessions' exit) may still be queued on its
        // bridge port, behind this report: a clean end lets them through before hanging up.
        for (const hangUp of hangUps) hangUp(clean ? KILL_GRACE_MS : 0);
        worker.terminate();
        settle(code);
      };
      let started!: () => void;
      let refused!: (e: Error) => void;
      const ready = new Promise<void>((resolve, reject) => {
        started = resolve;
        refused = reject;
      });
      worker.onmessage = (e: MessageEvent<WorkloadReport>) => {
        if (e.data.type === "started") started();
        else if (e.data.type === "exited") finish(e.data.code, !spec.lambdaRuntimeApi);
        else {
          refused(new Error(`sandbox: ${e.data.message}`));
          finish(127);
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        refused(new Error(`sandbox Worker crashed: ${e.message}`));
        finish(255);
      };
      // The signal cancels the start only; a started workload is stopped with signals.
      const onAbort = () => {
        refused(new Error(`workload start aborted: ${signal!.reason}`));
        finish(137);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      void ready.then(() => signal?.removeEventListener("abort", onAbort), () => {});
      const message: StartWorkload = {
        spec,
        containerId: crypto.randomUUID(),
        port: port2,
        stdout: stdout.writable,
        stderr: stderr.writable,
      };
      const transfer: Transferable[] = [port2, stdout.writable, stderr.writable] as Transferable[];
      if (spec.lambdaRuntimeApi) {
        const bridge = new MessageChannel();
        serveFetchBridge(bridge.port1, `http://${spec.lambdaRuntimeApi}/`);
        message.fetchPort = bridge.port2;
        transfer.push(bridge.port2);
        bridgePorts.push(bridge.port1);
      }
      // A callback URL in the environment stands for an image whose entrypoint is the agent: it
      // dials back to the backend that named the URL (a Lambda instance's or a task's).
      const callback = spec.env.SOCKERLESS_CALLBACK_URL;
      const secret = spec.env.SOCKERLESS_AGENT_SECRET;
      if (callback && secret) {
        const dial = new MessageChannel();
        hangUps.push(serveDialBridge(dial.port1, callback, secret));
        message.dialPort = dial.port2;
        transfer.push(dial.port2);
      }
      worker.postMessage(message, transfer);

      const kill = (id: string, name: string) => {
        if (done) return;
        send({ type: "signal", id, signal: name });
        if (name === "SIGKILL" && id === MAIN_SESSION) setTimeout(() => finish(137), KILL_GRACE_MS);
      };
      const stdinFor = (id: string) =>
        new WritableStream<Uint8Array>({
          write: (chunk) => {
            if (!done) send({ type: "stdin", id, data: encodeBytes(chunk) });
          },
          close: () => {
            if (!done) send({ type: "close_stdin", id });
          },
        });

      const workload: Workload = {
        imageNote: spec.root?.kind === "layers" ? "" : spec.root?.note ??
          `the runtime was given no layers for image ${spec.image}: the sandbox's built-in root filesystem stands for it`,
        stdin: stdinFor(MAIN_SESSION),
        stdout: stdout.readable,
        stderr: stderr.readable,
        exited,
        kill: (name) => kill(MAIN_SESSION, name),
        exec(execSpec) {
          if (done) return Promise.reject(new Error("the workload has exited"));
          const id = `exec-${++next}`;
          const session = _session();
          sessions.set(id, session.sink);
          send({
            type: "exec",
            id,
            cmd: execSpec.argv,
            env: execSpec.env,
            workdir: execSpec.workdir,
          });
          return Promise.resolve({
            imageNote: workload.imageNote,
            stdin: stdinFor(id),
            stdout: session.stdout,
            stderr: session.stderr,
            exited: session.exited,
            kill: (name: string) => kill(id, name),
            exec: () => Promise.reject(new Error("exec inside an exec session is not supported")),
          });
        },
      };
      return ready.then(() => workload);
    },
  };
}
