/**
 * Container health checks as ECS runs them: a task definition's container `healthCheck`
 * (`command` as `["CMD", ...argv]` or `["CMD-SHELL", script]`, `interval`, `timeout`, `retries`,
 * `startPeriod` in whole seconds, within ECS's limits) is checked at registration, and while the
 * container runs its command runs inside the container every `interval` seconds (Docker's
 * semantics, which ECS uses underneath: the first check one interval after start; failures within
 * the start period do not count; `retries` consecutive failures make it UNHEALTHY, one success
 * HEALTHY). The container's and the task's `healthStatus` in DescribeTasks say the result.
 *
 * @module
 */
import type { Workload } from "../runtime/workload.ts";

export interface HealthCheck {
  command: string[];
  interval: number;
  timeout: number;
  retries: number;
  startPeriod: number;
}

type Health = "UNKNOWN" | "HEALTHY" | "UNHEALTHY";

/** ECS's limits and defaults, in seconds (retries a count). */
const LIMITS = {
  interval: { min: 5, max: 300, default: 30 },
  timeout: { min: 2, max: 120, default: 5 },
  retries: { min: 1, max: 10, default: 3 },
  startPeriod: { min: 0, max: 300, default: 0 },
} as const;

/** The container's health check with ECS's defaults filled in; throws `invalid` as ECS refuses. */
export function healthCheckOf(
  raw: unknown,
  invalid: (message: string) => Error,
): HealthCheck | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object") throw invalid("healthCheck must be an object.");
  const h = raw as Record<string, unknown>;
  const command = h.command;
  if (
    !Array.isArray(command) || command.length < 2 ||
    !command.every((s) => typeof s === "string") ||
    (command[0] !== "CMD" && command[0] !== "CMD-SHELL")
  ) {
    throw invalid(
      'healthCheck.command must start with "CMD" or "CMD-SHELL" followed by the command.',
    );
  }
  const check: HealthCheck = { command: command as string[], ...defaults() };
  for (const field of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const value = h[field];
    if (value === undefined || value === null) continue;
    const { min, max } = LIMITS[field];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw invalid(`healthCheck.${field} must be a whole number between ${min} and ${max}.`);
    }
    check[field] = value;
  }
  return check;
}

function defaults() {
  return {
    interval: LIMITS.interval.default,
    timeout: LIMITS.timeout.default,
    retries: LIMITS.retries.default,
    startPeriod: LIMITS.startPeriod.default,
  };
}

/**
 * Runs `check` in `workload` until it exits, reporting each change of status. Resolves when the
 * workload has exited (the checks stop with it).
 */
export async function runHealthChecks(
  check: HealthCheck,
  workload: Workload,
  report: (status: "HEALTHY" | "UNHEALTHY") => void,
): Promise<void> {
  let exited = false;
  const ended = workload.exited.then(() => exited = true, () => exited = true);
  const started = Date.now();
  let failures = 0;
  let status: Health = "UNKNOWN";
  while (!exited) {
    const slept = await pause(check.interval * 1000, ended);
    if (!slept || exited) return;
    const ok = await probe(check, workload);
    if (exited) return;
    if (ok) failures = 0;
    else if (Date.now() - started >= check.startPeriod * 1000 || status !== "UNKNOWN") failures++;
    const next: Health = ok ? "HEALTHY" : failures >= check.retries ? "UNHEALTHY" : status;
    if (next !== status && next !== "UNKNOWN") report(status = next);
  }
}

/** Waits `ms` unless `ended` settles first; true when the full time passed. */
async function pause(ms: number, ended: Promise<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = await Promise.race([
    new Promise<boolean>((r) => timer = setTimeout(() => r(true), ms)),
    ended.then(() => false),
  ]);
  clearTimeout(timer);
  return slept;
}

/** One run of the check's command: exit 0 within the timeout is healthy. */
async function probe(check: HealthCheck, workload: Workload): Promise<boolean> {
  const argv = check.command[0] === "CMD-SHELL"
    ? ["/bin/sh", "-c", check.command.slice(1).join(" ")]
    : check.command.slice(1);
  let process: Workload;
  try {
    process = await workload.exec({ argv, env: {}, interactive: false });
  } catch {
    return false; // a command that cannot start is a failed check, as under Docker
  }
  void process.stdin.close().catch(() => {});
  const drain = (s: ReadableStream<Uint8Array>) => s.pipeTo(new WritableStream()).catch(() => {});
  void drain(process.stdout);
  void drain(process.stderr);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const code = await Promise.race([
    process.exited,
    new Promise<number>((r) =>
      timer = setTimeout(() => {
        process.kill("SIGKILL");
        r(-1);
      }, check.timeout * 1000)
    ),
  ]);
  clearTimeout(timer);
  return code === 0;
}
