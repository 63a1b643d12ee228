/**
 * ECS task definitions: RegisterTaskDefinition, DeregisterTaskDefinition,
 * DescribeTaskDefinition, ListTaskDefinitions. Revisions count up per family and are never reused.
 *
 * @module
 */
import { type AwsContext, epochSeconds } from "../context.ts";
import type { ContainerDefinition, TaskDefinition } from "../state/model.ts";
import { clientException } from "../wire/errors.ts";
import {
  optionalObjects,
  optionalString,
  optionalStrings,
  page,
  requiredString,
} from "../wire/input.ts";
import { requireTaskDefinition, validName } from "./names.ts";
import { healthCheckOf } from "./health.ts";
import { tagsFrom } from "./tags.ts";

/** Fields the simulator owns; a caller's copy of them is ignored. */
const OWNED = new Set(["taskDefinitionArn", "revision", "status", "registeredAt", "registeredBy"]);

export function registerTaskDefinition(input: Record<string, unknown>, ctx: AwsContext) {
  const family = validName("Family", requiredString(input, "family", clientException));
  const containers = optionalObjects(input, "containerDefinitions", clientException) ?? [];
  if (containers.length === 0) throw clientException("Container list cannot be empty.");
  const names = new Set<string>();
  const containerDefinitions = containers.map((c): ContainerDefinition => {
    if (typeof c.name !== "string" || c.name === "") {
      throw clientException("Container.name should not be null or empty.");
    }
    if (typeof c.image !== "string" || c.image === "") {
      throw clientException("Container.image should not be null or empty.");
    }
    if (names.has(c.name)) {
      throw clientException(`Duplicate container name found: ${c.name}.`);
    }
    names.add(c.name);
    // Checked here, as ECS refuses a bad healthCheck at registration, not at RunTask.
    const healthCheck = healthCheckOf(c.healthCheck, clientException);
    return {
      cpu: 0,
      portMappings: [],
      essential: true,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
      ...c,
      ...(healthCheck ? { healthCheck } : {}),
    } as unknown as ContainerDefinition;
  });
  if (!containerDefinitions.some((c) => c.essential !== false)) {
    throw clientException("At least one essential container is required.");
  }
  const requires = optionalStrings(input, "requiresCompatibilities", clientException);
  if (requires?.includes("FARGATE") && (!input.cpu || !input.memory)) {
    throw clientException(
      "Fargate requires task definition to have cpu and memory values set at the task level.",
    );
  }
  const key = `${ctx.region}/${family}`;
  const revisions = ctx.world.state.taskDefinitions[key] ??= [];
  const revision = (revisions.at(-1)?.revision ?? 0) + 1;
  const extra = Object.fromEntries(
    Object.entries(input).filter(([k]) => !OWNED.has(k) && k !== "tags"),
  );
  const definition: TaskDefinition = {
    volumes: [],
    placementConstraints: [],
    networkMode: requires?.includes("FARGATE") ? "awsvpc" : "bridge",
    ...extra,
    family,
    containerDefinitions,
    taskDefinitionArn:
      `arn:aws:ecs:${ctx.region}:${ctx.accountId}:task-definition/${family}:${revision}`,
    revision,
    status: "ACTIVE",
    compatibilities: ["EC2", "FARGATE"],
    registeredAt: epochSeconds(),
    registeredBy: `arn:aws:iam::${ctx.accountId}:root`,
    tags: tagsFrom(optionalObjects(input, "tags")),
  };
  revisions.push(definition);
  ctx.world.store.changed();
  return { taskDefinition: _withoutTags(definition), tags: definition.tags };
}

export function describeTaskDefinition(input: Record<string, unknown>, ctx: AwsContext) {
  const definition = requireTaskDefinition(ctx, requiredString(input, "taskDefinition"));
  const withTags = (optionalStrings(input, "include") ?? []).includes("TAGS");
  return {
    taskDefinition: _withoutTags(definition),
    ...(withTags ? { tags: definition.tags ?? [] } : {}),
  };
}

export function deregisterTaskDefinition(input: Record<string, unknown>, ctx: AwsContext) {
  const ref = requiredString(input, "taskDefinition");
  if (!ref.includes(":")) {
    throw clientException("A revision must be specified: family:revision or the full ARN.");
  }
  const definition = requireTaskDefinition(ctx, ref);
  if (definition.status === "ACTIVE") {
    definition.status = "INACTIVE";
    definition.deregisteredAt = epochSeconds();
    ctx.world.store.changed();
  }
  return { taskDefinition: _withoutTags(definition) };
}

export function listTaskDefinitions(input: Record<string, unknown>, ctx: AwsContext) {
  const prefix = optionalString(input, "familyPrefix");
  const status = optionalString(input, "status") ?? "ACTIVE";
  const arns: string[] = [];
  for (const [key, revisions] of Object.entries(ctx.world.state.taskDefinitions)) {
    const [region, family] = key.split("/");
    if (region !== ctx.region || (prefix && !family.startsWith(prefix))) continue;
    for (const d of revisions) if (d.status === status) arns.push(d.taskDefinitionArn);
  }
  arns.sort((a, b) => {
    const [fa, ra] = a.slice(a.indexOf("/") + 1).split(":");
    const [fb, rb] = b.slice(b.indexOf("/") + 1).split(":");
    return fa < fb ? -1 : fa > fb ? 1 : Number(ra) - Number(rb);
  });
  if (optionalString(input, "sort") === "DESC") arns.reverse();
  const { items, nextToken } = page(
    arns,
    optionalString(input, "nextToken"),
    input.maxResults as number | undefined,
  );
  return { taskDefinitionArns: items, nextToken };
}

function _withoutTags(d: TaskDefinition): TaskDefinition {
  const { tags: _tags, ...rest } = d;
  return rest as TaskDefinition;
}
