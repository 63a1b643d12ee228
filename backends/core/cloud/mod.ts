/**
 * What the cloud backends (ecs, lambda) share beyond the agent (backends/core/cloud_agent): the
 * identity tags that make the cloud their state, finding containers over a tag scan, their
 * Docker shapes, list filters, system calls, waits, the create and lifecycle refusals, the 501
 * table of what a serverless cloud cannot do, AWS access, and what logs over CloudWatch share.
 * Each backend keeps its cloud's own calls (ECS tasks, Lambda functions) in its folder.
 *
 * @module
 */
export { type AwsAccess, awsAccessFromEnv, sdkConfig } from "./aws_access.ts";
export { containerEvent } from "./container_event.ts";
export { type RunFacts, runState, statusText, ZERO_TIME } from "./container_state.ts";
export { checkCommand, checkCreateBody, freeName } from "./create_checks.ts";
export { CloudDirectory, findContainer } from "./directory.ts";
export { type AskedHealthcheck, askedHealthcheck } from "./health_check.ts";
export { type CloudBackend, cloudHandlers } from "./handlers.ts";
export type { CloudCall, OwnCall, SharedCall } from "./cloud_calls.ts";
export { checkStoppingSignal, runningRemoveConflict } from "./lifecycle_checks.ts";
export { listContainers } from "./list.ts";
export { noOutput, refuseStderrOnly } from "./log_output.ts";
export { imageRef, pullNotice } from "./pull_notice.ts";
export {
  type CloudContainer,
  type ContainerLook,
  inspectContainer,
  summarizeContainer,
} from "./render.ts";
export { type CloudAbout, systemHandlers } from "./system.ts";
export { type ContainerIdentity, IDENTITY_TAG, identityOf, identityTags } from "./tags.ts";
export { type ServerlessLimits, unsupportedHandlers } from "./unsupported.ts";
export { waitContainer, type WaitView } from "./wait.ts";
