/**
 * ECS resource names and ARNs: `arn:aws:ecs:{region}:{account}:cluster/{name}`,
 * `…:task-definition/{family}:{revision}`, `…:task/{cluster}/{id}`, and how a caller's
 * "name or ARN" resolves to a stored resource.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import { AwsError, clientException, invalidParameter } from "../wire/errors.ts";
import type { Cluster, Task, TaskDefinition } from "../state/model.ts";

export function clusterArn(ctx: AwsContext, name: string): string {
  return `arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/${name}`;
}

export function clusterNotFound(): AwsError {
  return new AwsError("ClusterNotFoundException", "Cluster not found.");
}

/** The cluster a `cluster` parameter names (a name or an ARN; `default` when absent), if active. */
export function findCluster(ctx: AwsContext, ref: string | undefined): Cluster | undefined {
  const name = _lastPart(ref ?? "default", "cluster/");
  const cluster = ctx.world.state.clusters[`${ctx.region}/${name}`];
  return cluster?.status === "ACTIVE" ? cluster : undefined;
}

/** Like {@link findCluster}, but a missing cluster is `ClusterNotFoundException`. */
export function requireCluster(ctx: AwsContext, ref: string | undefined): Cluster {
  const cluster = findCluster(ctx, ref);
  if (!cluster) throw clusterNotFound();
  return cluster;
}

/** The task definition named by `family`, `family:revision` or its ARN (latest ACTIVE for a family). */
export function findTaskDefinition(ctx: AwsContext, ref: string): TaskDefinition | undefined {
  const spec = _lastPart(ref, "task-definition/");
  const colon = spec.lastIndexOf(":");
  const family = colon < 0 ? spec : spec.slice(0, colon);
  const revisions = ctx.world.state.taskDefinitions[`${ctx.region}/${family}`] ?? [];
  if (colon < 0) return revisions.findLast((d) => d.status === "ACTIVE");
  const revision = Number(spec.slice(colon + 1));
  return revisions.find((d) => d.revision === revision);
}

export function requireTaskDefinition(ctx: AwsContext, ref: string): TaskDefinition {
  const found = findTaskDefinition(ctx, ref);
  if (!found) throw clientException("Unable to describe task definition.");
  return found;
}

/** A task named by its ARN or its id within `cluster`. */
export function findTask(ctx: AwsContext, cluster: Cluster, ref: string): Task | undefined {
  const arn = ref.startsWith("arn:")
    ? ref
    : `arn:aws:ecs:${ctx.region}:${ctx.accountId}:task/${cluster.clusterName}/${ref}`;
  const task = ctx.world.state.tasks[arn];
  return task && task.clusterArn === cluster.clusterArn ? task : undefined;
}

/** Checks a name against ECS's pattern for cluster names and task families. */
export function validName(kind: string, name: string): string {
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) {
    throw invalidParameter(
      `${kind} can have up to 255 characters: letters (upper and lowercase), numbers, underscores and hyphens.`,
    );
  }
  return name;
}

function _lastPart(ref: string, marker: string): string {
  if (!ref.startsWith("arn:")) return ref;
  const at = ref.indexOf(marker);
  if (at < 0) throw invalidParameter(`Invalid ARN: ${ref}`);
  const rest = ref.slice(at + marker.length);
  // Task ARNs carry `cluster/id`; cluster and task-definition ARNs carry the name directly.
  return rest;
}
