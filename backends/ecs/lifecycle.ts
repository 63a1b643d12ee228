/**
 * start, stop, kill and rm on ECS: RegisterTaskDefinition + RunTask, StopTask, and
 * DeregisterTaskDefinition with every task of the container tagged removed. Each call waits for
 * the state it promises (RUNNING, STOPPED), as `docker stop` must be synchronous.
 *
 * @module
 */
import {
  DeregisterTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RunTaskCommand,
  StopTaskCommand,
  TagResourceCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import { checkStoppingSignal, containerEvent, runningRemoveConflict } from "../core/cloud/mod.ts";
import { REPLAY_ENV } from "../../agent/mod.ts";
import { AGENT_ENV } from "../core/cloud_agent/mod.ts";
import { replayEnv } from "./attach_output.ts";
import { Conflict, NotModified } from "../core/errors.ts";
import { CLUSTER } from "./cloud.ts";
import { familyOf, registerDefinition } from "./create.ts";
import type { EcsContainer } from "./directory.ts";
import {
  type EcsBackendState,
  exitCodeOf,
  failureOf,
  isRunning,
  isStopped,
  waitForTask,
} from "./state.ts";
import { identityTags, TAG } from "./tags.ts";

export async function startContainer(state: EcsBackendState, id: string): Promise<void> {
  const c = await state.directory.get(id);
  if (isRunning(c) || state.starting.has(c.id)) throw new NotModified();
  const stdin = state.stdin.get(c.id);
  if (!stdin) return await launch(state, c);
  // The client sends stdin after start returns (GitLab does), so the task waits for its end.
  state.stdin.delete(c.id);
  state.starting.add(c.id);
  state.startFailures.delete(c.id);
  void stdin.bytes.then((bytes) => launch(state, c, bytes)).catch((error) => {
    state.startFailures.set(c.id, (error as Error).message);
  }).finally(() => state.starting.delete(c.id));
}

/**
 * Registers (when needed) and runs the container's task, and waits for it to run or stop. The
 * task's agent dials back on its own; start does not wait for it (a short command may be done
 * first), exec does.
 */
async function launch(state: EcsBackendState, c: EcsContainer, stdin?: Uint8Array): Promise<void> {
  const tags = identityTags(c);
  // A container started again keeps its secret; a daemon restarted since may listen elsewhere.
  // A client attached before start reads the agent, which keeps the output for it.
  const replay = state.replayAttach.delete(c.id);
  const agentEnv = {
    ...state.agents.enrol(c.id, c.environment?.[AGENT_ENV.secret]),
    ...(replay ? replayEnv() : {}),
  };
  // The newest definition (the task's, or create's while it never ran) is run again unless
  // stdin is baked in, the agent must dial somewhere else now, or replay differs.
  const current = c.task?.taskDefinitionArn ?? c.definitionArn;
  const reusable = !stdin && current && !replay && !c.environment?.[REPLAY_ENV] &&
    c.environment?.[AGENT_ENV.callbackUrl] === agentEnv[AGENT_ENV.callbackUrl];
  const taskDefinitionArn = reusable
    ? current
    : await registerDefinition(state, c, agentEnv, stdin);
  // No enableExecuteCommand: exec goes through the agent, never through SSM.
  const run = await state.cloud.ecs.send(
    new RunTaskCommand({
      cluster: CLUSTER,
      taskDefinition: taskDefinitionArn,
      launchType: "FARGATE",
      startedBy: "sockerless",
      tags,
    }),
  );
  const launched = run.tasks?.[0];
  if (!launched?.taskArn) {
    const why = run.failures?.map((f) => `${f.arn ?? ""} ${f.reason}: ${f.detail ?? ""}`);
    throw new Error(
      `ecs backend: RunTask started no task: ${why?.join("; ") || "no reason given"}`,
    );
  }
  c.launched = launched.taskArn;
  state.directory.pending.delete(c.id);
  const task = await waitForTask(
    state,
    launched.taskArn,
    (t) => t.lastStatus === "RUNNING" || isStopped(t),
  );
  const failure = failureOf(task);
  if (failure) throw new Error(`ecs backend: task ${task.taskArn} failed to start: ${failure}`);
  containerEvent(state, c, "start");
  // A --rm container's die comes from its watcher, which sees every stop.
  if (c.autoRemove) watchAutoRemove(state, c.id, task.taskArn!);
  else if (isStopped(task)) containerEvent(state, c, "die", { exitCode: String(exitCodeOf(task)) });
}

/** StopTask, then waits for STOPPED: ECS sends SIGTERM and SIGKILL after the stop timeout. */
async function stopTask(state: EcsBackendState, task: Task, reason: string): Promise<Task> {
  await state.cloud.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn, reason }));
  return await waitForTask(state, task.taskArn!, isStopped);
}

export async function stopContainer(state: EcsBackendState, id: string): Promise<void> {
  const c = await state.directory.get(id);
  if (!isRunning(c)) throw new NotModified();
  const stopped = await stopTask(state, c.task!, "docker stop");
  containerEvent(state, c, "die", { exitCode: String(exitCodeOf(stopped)) });
  containerEvent(state, c, "stop");
}

export async function killContainer(state: EcsBackendState, id: string, signal: string) {
  const c = await state.directory.get(id);
  if (!isRunning(c)) throw new Conflict(`Container ${c.id} is not running`);
  checkStoppingSignal(
    "ecs",
    signal,
    "ECS delivers no signal but a stop (SIGTERM, then SIGKILL after the stop timeout)",
  );
  const stopped = await stopTask(state, c.task!, `docker kill ${signal || "SIGKILL"}`);
  containerEvent(state, c, "kill", { signal: signal || "SIGKILL" });
  containerEvent(state, c, "die", { exitCode: String(exitCodeOf(stopped)) });
}

export async function removeContainer(
  state: EcsBackendState,
  id: string,
  force: boolean,
): Promise<void> {
  const c = await state.directory.get(id);
  if (isRunning(c)) {
    if (!force) throw runningRemoveConflict(c);
    await stopTask(state, c.task!, "docker rm --force");
  }
  await forget(state, c);
  containerEvent(state, c, "destroy");
}

/**
 * Tags every task of the container removed, then deregisters every revision of its task
 * definition (an active one would bring it back as created); its agent's secret stops working.
 */
async function forget(state: EcsBackendState, c: EcsContainer): Promise<void> {
  state.agents.listener.unregister(c.id);
  state.directory.pending.delete(c.id);
  for (const taskArn of c.taskArns) {
    await state.cloud.ecs.send(
      new TagResourceCommand({ resourceArn: taskArn, tags: [{ key: TAG.removed, value: "true" }] }),
    );
  }
  let nextToken: string | undefined;
  const revisions: string[] = [];
  do {
    // familyPrefix names one family on ECS; every container's family has the same length.
    const page = await state.cloud.ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: familyOf(c), status: "ACTIVE", nextToken }),
    );
    revisions.push(...(page.taskDefinitionArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  for (const taskDefinition of revisions) {
    await state.cloud.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition }));
  }
}

/**
 * `--rm`: removes the container once its task stops. Started per container and again for every
 * running `--rm` container found after a restart, so it needs no memory of its own.
 */
export function watchAutoRemove(state: EcsBackendState, id: string, taskArn: string): void {
  void (async () => {
    const task = await waitForTask(state, taskArn, isStopped);
    const c = await state.directory.get(id);
    if (c.task?.taskArn !== task.taskArn) return;
    state.removedExits.set(c.id, exitCodeOf(task));
    containerEvent(state, c, "die", { exitCode: String(exitCodeOf(task)) });
    await forget(state, c);
    containerEvent(state, c, "destroy");
  })().catch((error) => {
    console.error(`ecs backend: auto-removal of ${id} failed: ${(error as Error).message}`);
  });
}
