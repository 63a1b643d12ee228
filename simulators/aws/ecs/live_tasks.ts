/**
 * Runs ECS tasks for real: each container of a task becomes a {@link Workload} started through
 * the world's runtime, its output goes to CloudWatch Logs per `awslogs`, and the task walks
 * PROVISIONING → PENDING → RUNNING → STOPPING → DEPROVISIONING → STOPPED with the containers'
 * real exit codes. StopTask sends SIGTERM, then SIGKILL after the container's `stopTimeout`.
 *
 * @module
 */
import { epochSeconds, type World } from "../context.ts";
import type { ContainerDefinition, Task, TaskDefinition } from "../state/model.ts";
import { type Workload, WorkloadUnavailable } from "../runtime/workload.ts";
import { logEventSink, openAwsLogs } from "./awslogs.ts";
import { type HealthCheck, runHealthChecks } from "./health.ts";

/** Fargate's default and maximum stop timeouts, in seconds. */
const DEFAULT_STOP_TIMEOUT_S = 30;
const MAX_STOP_TIMEOUT_S = 120;

interface LiveContainer {
  definition: ContainerDefinition;
  workload?: Workload;
  killTimer?: ReturnType<typeof setTimeout>;
}

interface LiveTask {
  task: Task;
  abort: AbortController;
  containers: LiveContainer[];
  done: Promise<void>;
}

/** The tasks whose processes are alive in this simulator process. */
export class LiveTasks {
  #live = new Map<string, LiveTask>();

  /** Starts a task already stored as PROVISIONING; the returned promise settles when it stops. */
  launch(
    world: World,
    accountId: string,
    task: Task,
    definition: TaskDefinition,
  ): Promise<void> {
    const live: LiveTask = {
      task,
      abort: new AbortController(),
      containers: definition.containerDefinitions.map((d) => ({ definition: d })),
      done: Promise.resolve(),
    };
    this.#live.set(task.taskArn, live);
    live.done = this.#run(world, accountId, live).finally(() => this.#live.delete(task.taskArn));
    return live.done;
  }

  /** The running process of one container, for exec. */
  workload(taskArn: string, containerName: string): Workload | undefined {
    return this.#live.get(taskArn)?.containers.find((c) => c.definition.name === containerName)
      ?.workload;
  }

  /** Begins stopping a task: SIGTERM now, SIGKILL after each container's stop timeout. */
  stop(world: World, taskArn: string, reason: string, code: Task["stopCode"]): void {
    const live = this.#live.get(taskArn);
    const task = live?.task ?? world.state.tasks[taskArn];
    if (!task || task.desiredStatus === "STOPPED") return;
    task.desiredStatus = "STOPPED";
    task.stoppingAt = epochSeconds();
    task.stopCode = code;
    task.stoppedReason = reason;
    task.version++;
    world.store.changed();
    if (!live) return;
    live.abort.abort(new Error(reason));
    for (const c of live.containers) {
      if (!c.workload) continue;
      c.workload.kill("SIGTERM");
      const timeout = Math.min(
        c.definition.stopTimeout ?? DEFAULT_STOP_TIMEOUT_S,
        MAX_STOP_TIMEOUT_S,
      );
      const workload = c.workload;
      c.killTimer = setTimeout(() => workload.kill("SIGKILL"), timeout * 1000);
    }
  }

  /** Kills every live task (simulator shutdown) and waits for them to be recorded as stopped. */
  async shutdown(world: World): Promise<void> {
    const all = [...this.#live.values()];
    for (const live of all) {
      this.stop(world, live.task.taskArn, "The simulator is shutting down.", "UserInitiated");
      for (const c of live.containers) c.workload?.kill("SIGKILL");
    }
    await Promise.allSettled(all.map((l) => l.done));
  }

  async #run(world: World, accountId: string, live: LiveTask): Promise<void> {
    const { task } = live;
    const region = task.taskArn.split(":")[3];
    const taskId = task.taskArn.split("/").at(-1)!;
    const changed = (status?: Task["lastStatus"]) => {
      if (status) task.lastStatus = status;
      task.version++;
      world.store.changed();
    };
    try {
      // RunTask answers first, as ECS does; the task starts after the reply is on its way.
      await new Promise((r) => setTimeout(r, 0));
      changed("PENDING");
      task.pullStartedAt = epochSeconds();
      const runtime = world.runtime;
      if (!runtime) {
        throw new WorkloadUnavailable(
          "no workload runtime is wired into this simulator: containers run in the sandbox " +
            "(sandbox/mod.ts), which this build does not provide",
        );
      }
      for (const c of live.containers) {
        live.abort.signal.throwIfAborted();
        const destination = openAwsLogs(world, region, accountId, c.definition, taskId);
        const override = task.overrides.containerOverrides.find((o) =>
          o.name === c.definition.name
        );
        // PATH comes from the image (the runtime supplies the usual one when it has none).
        const env: Record<string, string> = {
          AWS_REGION: region,
          AWS_DEFAULT_REGION: region,
          AWS_EXECUTION_ENV: "AWS_ECS_FARGATE",
        };
        for (const kv of [...(c.definition.environment ?? []), ...(override?.environment ?? [])]) {
          env[kv.name] = kv.value;
        }
        const workload = await runtime.start({
          image: c.definition.image,
          // The image's Entrypoint and Cmd fill in what the definition leaves out (Docker's rule);
          // the runtime refuses a container left with neither.
          argv: [],
          entryPoint: c.definition.entryPoint,
          command: override?.command ?? c.definition.command,
          user: c.definition.user,
          env,
          workdir: c.definition.workingDirectory,
          hostname: `ip-10-0-${parseInt(taskId.slice(0, 2), 16)}-${
            parseInt(taskId.slice(2, 4), 16)
          }`,
          interactive: c.definition.interactive === true,
        }, live.abort.signal);
        c.workload = workload;
        const container = task.containers.find((tc) => tc.name === c.definition.name)!;
        container.lastStatus = "RUNNING";
        container.runtimeId = `${taskId}-${c.definition.name}`;
        if (task.enableExecuteCommand) {
          container.managedAgents = [{
            name: "ExecuteCommandAgent",
            lastStatus: "RUNNING",
            lastStartedAt: epochSeconds(),
          }];
        }
        const sink = (s: ReadableStream<Uint8Array>) =>
          destination
            ? s.pipeTo(logEventSink(world, region, destination))
            : s.pipeTo(new WritableStream());
        void sink(workload.stdout).catch(() => {});
        void sink(workload.stderr).catch(() => {});
        if (!c.definition.interactive) void workload.stdin.close().catch(() => {});
        if (workload.imageNote) {
          if (!task.tags.some((t) => t.key === "io.sockerless.builtin")) {
            task.tags.push({ key: "io.sockerless.builtin", value: "true" });
          }
          console.warn(
            `aws-sim: task ${taskId} container ${c.definition.name}: ${workload.imageNote}`,
          );
        }
      }
      task.pullStoppedAt = epochSeconds();
      task.startedAt = epochSeconds();
      changed("RUNNING");
      for (const c of live.containers) {
        const check = c.definition.healthCheck as HealthCheck | undefined;
        if (!check) continue;
        const container = task.containers.find((tc) => tc.name === c.definition.name)!;
        void runHealthChecks(check, c.workload!, (status) => {
          container.healthStatus = status;
          task.healthStatus = taskHealth(live);
          changed();
        });
      }
      await Promise.all(live.containers.map(async (c) => {
        const code = await c.workload!.exited;
        clearTimeout(c.killTimer);
        const container = task.containers.find((tc) => tc.name === c.definition.name)!;
        container.lastStatus = "STOPPED";
        container.exitCode = code;
        for (const agent of container.managedAgents ?? []) agent.lastStatus = "STOPPED";
        changed();
        if (c.definition.essential !== false) {
          this.stop(
            world,
            task.taskArn,
            "Essential container in task exited",
            "EssentialContainerExited",
          );
          if (task.lastStatus === "RUNNING") changed("STOPPING");
        }
      }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      for (const c of live.containers) c.workload?.kill("SIGKILL");
      await Promise.allSettled(live.containers.map((c) => c.workload?.exited));
      for (const container of task.containers) {
        if (container.lastStatus !== "STOPPED") {
          container.lastStatus = "STOPPED";
          container.reason ??= message;
        }
      }
      if (task.desiredStatus !== "STOPPED" || task.stopCode !== "UserInitiated") {
        task.stopCode = "TaskFailedToStart";
        task.stoppedReason = message.startsWith("CannotStartContainerError") ||
            message.startsWith("CannotPullContainerError") ||
            message.startsWith("ResourceInitializationError")
          ? message
          : `CannotStartContainerError: ${message}`;
      }
      task.desiredStatus = "STOPPED";
    }
    for (const c of live.containers) clearTimeout(c.killTimer);
    changed("DEPROVISIONING");
    task.executionStoppedAt = epochSeconds();
    task.stoppedAt = epochSeconds();
    changed("STOPPED");
  }
}

/**
 * A task's health from its essential containers that have checks: UNHEALTHY when any is, HEALTHY
 * when all are, otherwise UNKNOWN (as ECS aggregates it).
 */
function taskHealth(live: LiveTask): string {
  const checked = live.containers.filter((c) =>
    c.definition.essential !== false && c.definition.healthCheck
  )
    .map((c) => live.task.containers.find((tc) => tc.name === c.definition.name)!.healthStatus);
  if (checked.includes("UNHEALTHY")) return "UNHEALTHY";
  if (checked.length && checked.every((s) => s === "HEALTHY")) return "HEALTHY";
  return "UNKNOWN";
}
