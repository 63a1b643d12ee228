/**
 * The AWS side of the ecs backend: SDK clients pointed at the configured endpoint (the simulator
 * when local), the names of the few shared resources the backend owns, and their creation.
 *
 * @module
 */
import { CreateClusterCommand, DescribeClustersCommand, ECSClient } from "@aws-sdk/client-ecs";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";

/** The cluster every container's task runs in. */
export const CLUSTER = "sockerless";
/** The awslogs group every container writes to; streams are `sockerless/main/{task id}`. */
export const LOG_GROUP = "/sockerless/ecs";
export const LOG_PREFIX = "sockerless";
/** Each task definition has exactly one container, under this name. */
export const CONTAINER = "main";

/** Where and as whom the backend calls AWS. */
export interface AwsAccess {
  endpoint?: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Reads the usual AWS variables; fails naming the one that is missing. */
export function awsAccessFromEnv(
  endpoint: string | undefined,
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): AwsAccess {
  const need = (name: string) => {
    const value = env(name);
    if (!value) throw new Error(`ecs backend: ${name} is not set (AWS credentials come from it)`);
    return value;
  };
  const region = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
  if (!region) throw new Error("ecs backend: neither AWS_REGION nor AWS_DEFAULT_REGION is set");
  const sessionToken = env("AWS_SESSION_TOKEN");
  return {
    endpoint,
    region,
    credentials: {
      accessKeyId: need("AWS_ACCESS_KEY_ID"),
      secretAccessKey: need("AWS_SECRET_ACCESS_KEY"),
      ...(sessionToken ? { sessionToken } : {}),
    },
  };
}

/** The SDK clients, built once. */
export class EcsCloud {
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;

  constructor(readonly access: AwsAccess) {
    const config = {
      region: access.region,
      credentials: access.credentials,
      ...(access.endpoint ? { endpoint: access.endpoint } : {}),
    };
    this.ecs = new ECSClient(config);
    this.logs = new CloudWatchLogsClient(config);
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
