/**
 * ECS cluster operations: CreateCluster, DescribeClusters, ListClusters, DeleteCluster.
 * A deleted cluster stays visible as INACTIVE, as in AWS, and a create of the same name
 * reactivates it.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { Cluster, Tag } from "../state/model.ts";
import { AwsError } from "../wire/errors.ts";
import { optionalObjects, optionalString, optionalStrings, page } from "../wire/input.ts";
import { clusterArn, requireCluster, validName } from "./names.ts";
import { tagsFrom } from "./tags.ts";

export function createCluster(input: Record<string, unknown>, ctx: AwsContext) {
  const name = validName("Cluster name", optionalString(input, "clusterName") ?? "default");
  const key = `${ctx.region}/${name}`;
  const existing = ctx.world.state.clusters[key];
  if (existing?.status === "ACTIVE") return { cluster: _render(ctx, existing) };
  const cluster: Cluster = {
    clusterArn: clusterArn(ctx, name),
    clusterName: name,
    status: "ACTIVE",
    registeredContainerInstancesCount: 0,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    activeServicesCount: 0,
    statistics: [],
    tags: tagsFrom(optionalObjects(input, "tags")),
    settings: (optionalObjects(input, "settings") as { name: string; value: string }[]) ??
      [{ name: "containerInsights", value: "disabled" }],
    capacityProviders: optionalStrings(input, "capacityProviders") ?? [],
    defaultCapacityProviderStrategy: optionalObjects(input, "defaultCapacityProviderStrategy") ??
      [],
  };
  ctx.world.state.clusters[key] = cluster;
  ctx.world.store.changed();
  return { cluster: _render(ctx, cluster) };
}

export function describeClusters(input: Record<string, unknown>, ctx: AwsContext) {
  const refs = optionalStrings(input, "clusters") ?? ["default"];
  const withTags = (optionalStrings(input, "include") ?? []).includes("TAGS");
  const clusters: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of refs) {
    const name = ref.startsWith("arn:") ? ref.slice(ref.indexOf("cluster/") + 8) : ref;
    const cluster = ctx.world.state.clusters[`${ctx.region}/${name}`];
    if (!cluster) failures.push({ arn: clusterArn(ctx, name), reason: "MISSING" });
    else clusters.push(_render(ctx, cluster, withTags));
  }
  return { clusters, failures };
}

export function listClusters(input: Record<string, unknown>, ctx: AwsContext) {
  const prefix = `${ctx.region}/`;
  const arns = Object.entries(ctx.world.state.clusters)
    .filter(([key, c]) => key.startsWith(prefix) && c.status === "ACTIVE")
    .map(([, c]) => c.clusterArn);
  const { items, nextToken } = page(
    arns,
    optionalString(input, "nextToken"),
    input.maxResults as number | undefined,
  );
  return { clusterArns: items, nextToken };
}

export function deleteCluster(input: Record<string, unknown>, ctx: AwsContext) {
  const cluster = requireCluster(ctx, optionalString(input, "cluster"));
  const busy = Object.values(ctx.world.state.tasks).some((t) =>
    t.clusterArn === cluster.clusterArn && t.lastStatus !== "STOPPED"
  );
  if (busy) {
    throw new AwsError(
      "ClusterContainsTasksException",
      "The Cluster cannot be deleted while Tasks are active.",
    );
  }
  cluster.status = "INACTIVE";
  ctx.world.store.changed();
  return { cluster: _render(ctx, cluster) };
}

/** A cluster as DescribeClusters shows it: task counts are computed from the live task table. */
function _render(ctx: AwsContext, cluster: Cluster, withTags = true): Cluster {
  let running = 0;
  let pending = 0;
  for (const t of Object.values(ctx.world.state.tasks)) {
    if (t.clusterArn !== cluster.clusterArn) continue;
    if (t.lastStatus === "RUNNING") running++;
    else if (t.lastStatus === "PENDING" || t.lastStatus === "PROVISIONING") pending++;
  }
  const tags: Tag[] = withTags ? cluster.tags : [];
  return { ...cluster, runningTasksCount: running, pendingTasksCount: pending, tags };
}
