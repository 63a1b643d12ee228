/**
 * The AWS side of the ecs backend: SDK clients pointed at the configured endpoint (the simulator
 * when local), the names of the few shared resources the backend owns, and their creation.
 *
 * @module
 */
import { CreateClusterCommand, DescribeClustersCommand, ECSClient } from "@aws-sdk/client-ecs";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { type AwsAccess, sdkConfig } from "../core/cloud/mod.ts";

export type { AwsAccess };

/** The cluster every container's task runs in. */
export const CLUSTER = "sockerless";
/** The awslogs group every container writes to; streams are `sockerless/main/{task id}`. */
export const LOG_GROUP = "/sockerless/ecs";
export const LOG_PREFIX = "sockerless";
/** Each task definition has exactly one container, under this name. */
export const CONTAINER = "main";

/** The SDK clients, built once. */
export class EcsCloud {
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;

  constructor(readonly access: AwsAccess) {
    this.ecs = new ECSClient(sdkConfig(access));
    this.logs = new CloudWatchLogsClient(sdkConfig(access));
  }

  /** Creates the cluster when it is missing; a cluster left by an earlier run is reused. */
  async ensureCluster(): Promise<void> {
    const found = await this.ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER] }));
    if (found.clusters?.some((c) => c.status === "ACTIVE")) return;
    await this.ecs.send(
      new CreateClusterCommand({
        clusterName: CLUSTER,
        tags: [{ key: "sockerless-managed", value: "true" }],
      }),
    );
  }

  /** The log stream a task's container writes to. */
  static logStream(taskArn: string): string {
    return `${LOG_PREFIX}/${CONTAINER}/${taskArn.split("/").pop()}`;
  }
}
