/**
 * Images for the AWS simulator's workloads: ECS tasks and Lambda functions run the image they
 * name, pulled (manifest for linux/amd64, config, layers) from its registry with the project's
 * registry client — the simulator's own ECR registry with an ECR token for the task's region,
 * any other registry as the daemon's client reaches it (plain HTTP for loopback and
 * `--insecure-registry` hosts) — and cached under `<data-dir>/images`. The image's Env,
 * WorkingDir, User, Entrypoint and Cmd apply under the task's or function's overrides.
 *
 * What users see when it cannot:
 * - ECS: the task stops with stopCode `TaskFailedToStart` and stoppedReason
 *   `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve
 *   ref <ref>: <ref>: not found` (or `… failed to do request: …` for an unreachable registry,
 *   `… pull access denied …` for refused credentials).
 * - Lambda: CreateFunction answers InvalidParameterValueException `Source image <uri> does not
 *   exist. Provide a valid source image.` (or `… is not valid …` with the reason).
 * - Only a Docker Hub name (`alpine`, `busybox`) whose registry cannot be reached at all runs on
 *   the sandbox's built-in root filesystem; the workload's `imageNote` says so, which ECS shows
 *   as the task tag `io.sockerless.builtin=true` and the simulator's log, and Lambda as the
 *   function's `StateReason`.
 *
 * @module
 */
export { imagePullingRuntime } from "./image_runtime.ts";
export { type ProcessOverrides, type ProcessPlan, processPlan } from "./process_config.ts";
export { cannotPull, ImagePullError } from "./pull_error.ts";
export { type PullTarget, pullTarget } from "./pull_target.ts";
export {
  BUILTIN_CONFIG,
  type ResolvedImage,
  SimulatorImages,
  type SimulatorImagesOptions,
} from "./simulator_images.ts";
