/**
 * The `awslogs` log driver: a container's stdout and stderr become CloudWatch Logs events in
 * `awslogs-group`, stream `{awslogs-stream-prefix}/{container}/{task id}`, one event per line,
 * as the ECS agent writes them.
 *
 * @module
 */
import type { World } from "../context.ts";
import type { ContainerDefinition } from "../state/model.ts";
import { appendEvents, createGroup, createStream, findGroup } from "../logs/log_store.ts";

/** Where a container's output goes; `undefined` when the container has no awslogs config. */
export interface LogDestination {
  group: string;
  stream: string;
}

/**
 * Resolves and prepares the destination, creating the group when `awslogs-create-group` is
 * "true". A missing group fails the container start the way ECS reports it.
 */
export function openAwsLogs(
  world: World,
  region: string,
  accountId: string,
  container: ContainerDefinition,
  taskId: string,
): LogDestination | undefined {
  const config = container.logConfiguration;
  if (!config || config.logDriver !== "awslogs") return undefined;
  const options = config.options ?? {};
  const group = options["awslogs-group"];
  if (!group) {
    throw new Error("ResourceInitializationError: awslogs-group is required by the awslogs driver");
  }
  const prefix = options["awslogs-stream-prefix"];
  const stream = prefix ? `${prefix}/${container.name}/${taskId}` : taskId;
  let logGroup = findGroup(world.state, region, group);
  if (!logGroup) {
    if (options["awslogs-create-group"] !== "true") {
      throw new Error(
        `ResourceInitializationError: failed to validate logger args: The specified log group does not exist: ${group}`,
      );
    }
    logGroup = createGroup(world.state, region, accountId, group);
  }
  if (!logGroup.streams[stream]) createStream(logGroup, stream);
  world.store.changed();
  return { group, stream };
}

/** A sink that turns bytes into one log event per line; the last partial line is flushed at close. */
export function logEventSink(
  world: World,
  region: string,
  destination: LogDestination,
): WritableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let partial = "";
  const emit = (lines: string[]) => {
    const group = findGroup(world.state, region, destination.group);
    const stream = group?.streams[destination.stream];
    // The group may have been deleted while the task ran; ECS then drops the output too.
    if (!group || !stream || lines.length === 0) return;
    const timestamp = Date.now();
    appendEvents(group, stream, lines.map((message) => ({ timestamp, message })));
    world.store.changed();
  };
  return new WritableStream({
    write(chunk) {
      partial += decoder.decode(chunk, { stream: true });
      const lines = partial.split("\n");
      partial = lines.pop()!;
      emit(lines.map((l) => l.replace(/\r$/, "")));
    },
    close() {
      partial += decoder.decode();
      if (partial !== "") emit([partial]);
      partial = "";
    },
  });
}
