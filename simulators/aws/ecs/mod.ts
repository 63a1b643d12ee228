/**
 * The ECS service of the AWS simulator (awsJson1_1, target prefix
 * `AmazonEC2ContainerServiceV20141113`).
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { JsonService } from "../wire/json_protocol.ts";
import { createCluster, deleteCluster, describeClusters, listClusters } from "./clusters.ts";
import {
  deregisterTaskDefinition,
  describeTaskDefinition,
  listTaskDefinitions,
  registerTaskDefinition,
} from "./task_definitions.ts";
import { describeTasks, listTasks, runTask, stopTask } from "./tasks.ts";
import { listTagsForResource, tagResource, untagResource } from "./tags.ts";
import { executeCommand } from "./exec.ts";

export { type ExecSession, serveExecStream } from "./exec.ts";
export { LiveTasks } from "./live_tasks.ts";

export const ecsService: JsonService<AwsContext> = {
  targetPrefix: "AmazonEC2ContainerServiceV20141113",
  namespace: "com.amazonaws.ecs",
  operations: {
    CreateCluster: createCluster,
    DescribeClusters: describeClusters,
    ListClusters: listClusters,
    DeleteCluster: deleteCluster,
    RegisterTaskDefinition: registerTaskDefinition,
    DeregisterTaskDefinition: deregisterTaskDefinition,
    DescribeTaskDefinition: describeTaskDefinition,
    ListTaskDefinitions: listTaskDefinitions,
    RunTask: runTask,
    StopTask: stopTask,
    DescribeTasks: describeTasks,
    ListTasks: listTasks,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    ExecuteCommand: executeCommand,
  },
};
