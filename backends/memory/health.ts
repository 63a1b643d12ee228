/**
 * Health checks on the memory backend, after moby's `daemon/health.go`: while the container
 * runs, the check's command runs as an exec every interval (the start interval during the start
 * period) with a timeout; `retries` failures in a row outside the start period make it
 * unhealthy, one success healthy. Results land in `State.Health` (the last five, output capped at
 * 4096 bytes) and each status change is a `health_status: …` event.
 *
 * @module
 */
import { receiveOnce } from "../core/one_shot_port.ts";
import type { Container } from "./container.ts";
import type { RunReply } from "./container/protocol.ts";
import type { MemoryBackendState } from "./state.ts";

const NS_PER_MS = 1_000_000;
const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_START_INTERVAL_MS = 5_000;
const DEFAULT_RETRIES = 3;
const MAX_LOG_ENTRIES = 5;
const MAX_OUTPUT_BYTES = 4096;

interface HealthConfig {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

interface ProbeResult {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

/** The argv a check's Test runs, or undefined when the container has no (enabled) check. */
export function probeArgv(test: string[] | null | undefined): string[] | undefined {
  if (!test?.length || test[0] === "NONE") return undefined;
  if (test[0] === "CMD") return test.slice(1);
  if (test[0] === "CMD-SHELL") return ["/bin/sh", "-c", test.slice(1).join(" ")];
  // moby treats an unknown first word as no check configured.
  return undefined;
}

const monitors = new WeakMap<Container, AbortController>();

/** Starts monitoring a container that has just started, if it has a health check. */
export function startHealthMonitor(state: MemoryBackendState, c: Container): void {
  stopHealthMonitor(c);
  const config = (c.config.Healthcheck ?? {}) as HealthConfig;
  const argv = probeArgv(config.Test);
  if (!argv) return;
  const ms = (ns: number | undefined, fallback: number) => ns ? ns / NS_PER_MS : fallback;
  const interval = ms(config.Interval, DEFAULT_INTERVAL_MS);
  const timeout = ms(config.Timeout, DEFAULT_TIMEOUT_MS);
  const startPeriod = ms(config.StartPeriod, 0);
  const startInterval = ms(config.StartInterval, DEFAULT_START_INTERVAL_MS);
  const retries = config.Retries || DEFAULT_RETRIES;
  const health = { Status: "starting", FailingStreak: 0, Log: [] as ProbeResult[] };
  c.state.Health = health;
  const controller = new AbortController();
  monitors.set(c, controller);
  const startedMs = Date.parse(c.state.StartedAt);
  const inStartPeriod = (at: number) => at - startedMs < startPeriod;

  const setStatus = (status: string) => {
    if (health.Status === status) return;
    health.Status = status;
    state.events.publish("container", `health_status: ${status}`, {
      ID: c.id,
      Attributes: c.eventAttributes(),
    });
  };

  const next = () => {
    const starting = health.Status === "starting" && inStartPeriod(Date.now());
    const timer = setTimeout(probe, starting ? startInterval : interval);
    controller.signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
  };

  const probe = async () => {
    if (controller.signal.aborted) return;
    const result = await runProbe(c, argv, timeout).catch((error): ProbeResult => {
      const now = new Date().toISOString();
      return { Start: now, End: now, ExitCode: -1, Output: `${(error as Error).message}` };
    });
    if (controller.signal.aborted) return;
    health.Log = [...health.Log, result].slice(-MAX_LOG_ENTRIES);
    if (result.ExitCode === 0) {
      health.FailingStreak = 0;
      setStatus("healthy");
    } else if (!(health.Status === "starting" && inStartPeriod(Date.parse(result.Start)))) {
      health.FailingStreak++;
      if (health.FailingStreak >= retries) setStatus("unhealthy");
    }
    next();
  };
  next();
}

/** Stops probing (the container exited or is going away); the last state stays visible. */
export function stopHealthMonitor(c: Container): void {
  monitors.get(c)?.abort();
  monitors.delete(c);
}

/** Runs one probe as an exec in the container; a probe past the timeout is killed. */
async function runProbe(c: Container, argv: string[], timeoutMs: number): Promise<ProbeResult> {
  const start = new Date();
  const reply = await c.actor.ask<RunReply>({
    type: "run",
    role: "exec",
    process: {
      argv,
      env: c.config.Env ?? [],
      cwd: c.config.WorkingDir || "/",
      user: c.config.User ?? "",
      tty: false,
      openStdin: false,
    },
  });
  const decoder = new TextDecoder();
  let output = "";
  const collected = reply.output.pipeTo(
    new WritableStream({
      write(chunk) {
        if (output.length < MAX_OUTPUT_BYTES) {
          output += decoder.decode(chunk.data, { stream: true });
        }
      },
    }),
  ).catch(() => {});
  const status = await new Promise<number | "timeout">((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), timeoutMs);
    receiveOnce<{ status: number }>(reply.exit, ({ status }) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
  if (status === "timeout") {
    await c.actor.ask({ type: "signal", pid: reply.pid, signal: "SIGKILL" }).catch(() => {});
    return {
      Start: start.toISOString(),
      End: new Date().toISOString(),
      ExitCode: -1,
      Output: `Health check exceeded timeout (${timeoutMs / 1000}s)`,
    };
  }
  await collected;
  return {
    Start: start.toISOString(),
    End: new Date().toISOString(),
    ExitCode: status,
    Output: output.slice(0, MAX_OUTPUT_BYTES),
  };
}
