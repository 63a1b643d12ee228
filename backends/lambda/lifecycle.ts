/**
 * start, stop, kill and rm on Lambda. Start is an asynchronous (Event) Invoke, recorded as a tag,
 * and returns only once the function's agent has dialled back — exec has no other way in, so a
 * start whose agent never calls fails loudly. Lambda cannot cancel an invocation; stop and kill
 * retire the function's instances by changing its configuration (which the AWS simulator, like a
 * new function version, does by killing them) and tag the run stopped.
 *
 * @module
 */
import {
  DeleteFunctionCommand,
  InvokeCommand,
  TagResourceCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { DeleteLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { checkStoppingSignal, containerEvent, runningRemoveConflict } from "../core/cloud/mod.ts";
import { AGENT_ENV, connectedAgent } from "../core/cloud_agent/mod.ts";
import { Conflict, NotModified } from "../core/errors.ts";
import { logGroupOf } from "./cloud.ts";
import type { LambdaContainer } from "./directory.ts";
import {
  AGENT_DIAL_TIMEOUT_MS,
  isRunning,
  type LambdaBackendState,
  POLL_MS,
  stateOf,
} from "./state.ts";
import { TAG } from "./tags.ts";

export async function startContainer(state: LambdaBackendState, id: string): Promise<void> {
  const c = await state.directory.get(id);
  if (isRunning(c)) throw new NotModified();
  // A daemon restarted since create listens elsewhere and must accept the agent's old secret.
  const agentEnv = state.agents.enrol(c.id, c.environment[AGENT_ENV.secret]);
  if (c.environment[AGENT_ENV.callbackUrl] !== agentEnv[AGENT_ENV.callbackUrl]) {
    await state.cloud.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: c.functionName,
        Environment: { Variables: { ...c.environment, ...agentEnv } },
      }),
    );
  }
  await tag(state, c, TAG.started, String(Date.now()));
  const invoked = await state.cloud.lambda.send(
    new InvokeCommand({ FunctionName: c.functionName, InvocationType: "Event" }),
  );
  // An asynchronous invocation's request id is the one its run gets: attaches waiting for this
  // run join it by that id through the agent (attach_output.ts).
  const run = state.nextRun.get(c.id);
  state.nextRun.delete(c.id);
  if (invoked.$metadata.requestId) run?.resolve(invoked.$metadata.requestId);
  else run?.reject(new Error("lambda backend: Invoke answered no request id"));
  // Exec has no other way in, so a start whose agent never dials back fails.
  await connectedAgent(
    { backend: "lambda", listener: state.agents.listener, waitMs: AGENT_DIAL_TIMEOUT_MS },
    { id: c.id, workload: `function ${c.functionName}` },
    "exec",
  );
  containerEvent(state, c, "start");
  if (c.autoRemove) watchAutoRemove(state, c.id);
}

async function tag(state: LambdaBackendState, c: LambdaContainer, key: string, value: string) {
  await state.cloud.lambda.send(
    new TagResourceCommand({ Resource: c.functionArn, Tags: { [key]: value } }),
  );
}

/** How long a stop waits for a retired instance to end. */
const INSTANCE_EXIT_MS = 15_000;

/** Retires the function's instances and records the run as ended by a signal. */
async function halt(state: LambdaBackendState, c: LambdaContainer, why: string): Promise<number> {
  const agent = await state.agents.listener.waitFor(c.id, AbortSignal.timeout(0)).catch(() =>
    undefined
  );
  await state.cloud.lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: c.functionName,
      Description: `${why} at ${new Date().toISOString()}`,
    }),
  );
  // The instance's end shows as its agent hanging up; until then it may still write output,
  // which must not come after the stop docker reports.
  if (agent) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gone = await Promise.race([
      agent.closed.then(() => true),
      new Promise<false>((r) => timer = setTimeout(() => r(false), INSTANCE_EXIT_MS)),
    ]);
    clearTimeout(timer);
    if (!gone) {
      throw new Error(
        `lambda backend: the instance of ${c.functionName} was told to retire but its agent was ` +
          `still connected after ${INSTANCE_EXIT_MS / 1000} s`,
      );
    }
  }
  // The instance is killed outright, as SIGKILL would: Docker reports 137.
  const exitCode = 137;
  await tag(state, c, TAG.stopped, `${Date.now()}:${exitCode}`);
  return exitCode;
}

export async function stopContainer(state: LambdaBackendState, id: string): Promise<void> {
  const c = await state.directory.get(id);
  if (!isRunning(c)) throw new NotModified();
  const exitCode = await halt(state, c, "docker stop");
  containerEvent(state, c, "die", { exitCode: String(exitCode) });
  containerEvent(state, c, "stop");
}

export async function killContainer(state: LambdaBackendState, id: string, signal: string) {
  const c = await state.directory.get(id);
  if (!isRunning(c)) throw new Conflict(`Container ${c.id} is not running`);
  checkStoppingSignal(
    "lambda",
    signal,
    "Lambda can only end an invocation by retiring its instance",
  );
  const exitCode = await halt(state, c, `docker kill ${signal || "SIGKILL"}`);
  containerEvent(state, c, "kill", { signal: signal || "SIGKILL" });
  containerEvent(state, c, "die", { exitCode: String(exitCode) });
}

export async function removeContainer(state: LambdaBackendState, id: string, force: boolean) {
  const c = await state.directory.get(id);
  if (isRunning(c)) {
    if (!force) throw runningRemoveConflict(c);
    await halt(state, c, "docker rm --force");
  }
  await forget(state, c);
  containerEvent(state, c, "destroy");
}

/** DeleteFunction, its logs with it (as docker rm drops a container's logs), and its secret. */
async function forget(state: LambdaBackendState, c: LambdaContainer): Promise<void> {
  await state.cloud.lambda.send(new DeleteFunctionCommand({ FunctionName: c.functionName }));
  state.agents.listener.unregister(c.id);
  try {
    await state.cloud.logs.send(
      new DeleteLogGroupCommand({ logGroupName: logGroupOf(c.functionName) }),
    );
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
}

/**
 * `--rm`: removes the container once its run ends. Started per start and again, after a
 * restart, for every running `--rm` container found, so it needs no memory of its own.
 */
/** How long `--rm` removal waits for readers still following the run's output. */
const READER_GRACE_MS = 10_000;

export function watchAutoRemove(state: LambdaBackendState, id: string): void {
  void (async () => {
    while (true) {
      const c = await state.directory.get(id);
      if (!isRunning(c)) {
        const exitCode = stateOf(c).ExitCode;
        state.removedExits.set(c.id, exitCode);
        containerEvent(state, c, "die", { exitCode: String(exitCode) });
        // An attached client reads the last lines after it sees the end; removal drops them.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          Promise.all(state.readers.get(c.id) ?? []),
          new Promise((r) => timer = setTimeout(r, READER_GRACE_MS)),
        ]);
        clearTimeout(timer);
        await forget(state, c);
        containerEvent(state, c, "destroy");
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })().catch((error) => {
    console.error(`lambda backend: auto-removal of ${id} failed: ${(error as Error).message}`);
  });
}
