/**
 * ECS task operations: RunTask, StopTask, DescribeTasks, ListTasks. RunTask records the task as
 * PROVISIONING and hands it to {@link LiveTasks}, which really starts its containers.
 *
 * @module
 */
import { type AwsContext, epochSeconds } from "../context.ts";
import type { ContainerOverride, Task } from "../state/model.ts";
import { clientException, invalidParameter } from "../wire/errors.ts";
import {
  optionalNumber,
  optionalObjects,
  optionalString,
  optionalStrings,
  page,
  requiredString,
} from "../wire/input.ts";
import { findTask, findTaskDefinition, requireCluster } from "./names.ts";
import { tagsFrom } from "./tags.ts";

function _taskId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

export function runTask(input: Record<string, unknown>, ctx: AwsContext) {
  const cluster = requireCluster(ctx, optionalString(input, "cluster"));
  const definitionRef = requiredString(input, "taskDefinition");
  const definition = findTaskDefinition(ctx, definitionRef);
  if (!definition) throw clientException(`TaskDefinition not found.`);
  if (definition.status !== "ACTIVE") {
    throw clientException(`TaskDefinition is inactive: ${definition.taskDefinitionArn}`);
  }
  const count = optionalNumber(input, "count") ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 10) {
    throw invalidParameter("count must be between 1 and 10.");
  }
  const launchType = optionalString(input, "launchType") ?? "FARGATE";
  if (launchType !== "FARGATE") {
    throw invalidParameter(
      `launchType ${launchType} needs container instances; this cluster has none registered.`,
    );
  }
  const overrides = (input.overrides ?? {}) as { containerOverrides?: ContainerOverride[] };
  const containerOverrides = overrides.containerOverrides ?? [];
  for (const o of containerOverrides) {
    if (!definition.containerDefinitions.some((c) => c.name === o.name)) {
      throw invalidParameter(
        `Override for container named ${o.name} is not a container in the TaskDefinition.`,
      );
    }
  }
  const tags = tagsFrom(optionalObjects(input, "tags"));
  const tasks: Task[] = [];
  for (let i = 0; i < count; i++) {
    const id = _taskId();
    const taskArn = `arn:aws:ecs:${ctx.region}:${ctx.accountId}:task/${cluster.clusterName}/${id}`;
    const task: Task = {
      taskArn,
      clusterArn: cluster.clusterArn,
      taskDefinitionArn: definition.taskDefinitionArn,
      lastStatus: "PROVISIONING",
      desiredStatus: "RUNNING",
      launchType,
      platformVersion: "1.4.0",
      platformFamily: "Linux",
      cpu: definition.cpu,
      memory: definition.memory,
      containers: definition.containerDefinitions.map((c) => ({
        containerArn:
          `arn:aws:ecs:${ctx.region}:${ctx.accountId}:container/${cluster.clusterName}/${id}/${crypto.randomUUID()}`,
        taskArn,
        name: c.name,
        image: c.image,
        lastStatus: "PENDING",
        networkInterfaces: [],
        healthStatus: "UNKNOWN",
        cpu: String(c.cpu ?? 0),
        ...(c.memory !== undefined ? { memory: String(c.memory) } : {}),
      })),
      overrides: { containerOverrides },
      createdAt: epochSeconds(),
      group: optionalString(input, "group") ?? `family:${definition.family}`,
      startedBy: optionalString(input, "startedBy"),
      enableExecuteCommand: input.enableExecuteCommand === true,
      version: 1,
      attachments: [],
      availabilityZone: `${ctx.region}a`,
      connectivity: "CONNECTED",
      healthStatus: "UNKNOWN",
      tags: structuredClone(tags),
    };
    ctx.world.state.tasks[taskArn] = task;
    tasks.push(structuredClone(task));
    void ctx.world.liveTasks.launch(ctx.world, ctx.accountId, task, definition);
  }
  ctx.world.store.changed();
  return { tasks: tasks.map(_withoutTags), failures: [] };
}

export function stopTask(input: Record<string, unknown>, ctx: AwsContext) {
  const cluster = requireCluster(ctx, optionalString(input, "cluster"));
  const task = findTask(ctx, cluster, requiredString(input, "task"));
  if (!task) throw invalidParameter("The referenced task was not found.");
  const reason = optionalString(input, "reason") ?? "Task stopped by user";
  ctx.world.liveTasks.stop(ctx.world, task.taskArn, reason, "UserInitiated");
  return { task: _withoutTags(task) };
}

export function describeTasks(input: Record<string, unknown>, ctx: AwsContext) {
  const cluster = requireCluster(ctx, optionalString(input, "cluster"));
  const refs = optionalStrings(input, "tasks");
  if (!refs || refs.length === 0) throw invalidParameter("Tasks cannot be empty.");
  if (refs.length > 100) throw invalidParameter("Tasks cannot contain more than 100 entries.");
  const withTags = (optionalStrings(input, "include") ?? []).includes("TAGS");
  const tasks: Task[] = [];
  const failures: { arn: string; reason: string }[] = [];
  for (const ref of refs) {
    const task = findTask(ctx, cluster, ref);
    if (task) tasks.push(withTags ? task : _withoutTags(task));
    else failures.push({ arn: ref, reason: "MISSING" });
  }
  return { tasks, failures };
}

export function listTasks(input: Record<string, unknown>, ctx: AwsContext) {
  const cluster = requireCluster(ctx, optionalString(input, "cluster"));
  const family = optionalString(input, "family");
  const startedBy = optionalString(input, "startedBy");
  const desired = optionalString(input, "desiredStatus") ?? "RUNNING";
  const launchType = optionalString(input, "launchType");
  const arns = Object.values(ctx.world.state.tasks).filter((t) =>
    t.clusterArn === cluster.clusterArn &&
    t.desiredStatus === desired &&
    (!family || t.group === `family:${family}` ||
      t.taskDefinitionArn.includes(`:task-definition/${family}:`)) &&
    (!startedBy || t.startedBy === startedBy) &&
    (!launchType || t.launchType === launchType)
  ).map((t) => t.taskArn);
  const { items, nextToken } = page(
    arns,
    optionalString(input, "nextToken"),
    optionalNumber(input, "maxResults"),
  );
  return { taskArns: items, nextToken };
}

function _withoutTags(task: Task): Task {
  return { ...task, tags: [] };
}
