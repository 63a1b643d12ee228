/**
 * A {@link WorkloadRuntime} that runs what each workload's image really is: before the inner
 * runtime starts it, the image is pulled ({@link SimulatorImages}) and its config combined with
 * the task's or function's overrides ({@link processPlan}); the workload then runs on the image's
 * layers. A failed pull rejects the start with ECS's `CannotPullContainerError: …` text; the
 * built-in fallback of a Docker Hub name with no reachable registry shows in `imageNote`.
 *
 * @module
 */
import type { WorkloadRuntime, WorkloadSpec } from "../runtime/workload.ts";
import { processPlan } from "./process_config.ts";
import type { SimulatorImages } from "./simulator_images.ts";

export function imagePullingRuntime(
  inner: WorkloadRuntime,
  images: SimulatorImages,
): WorkloadRuntime {
  return {
    name: `${inner.name}, images pulled from their registries`,
    close: () => inner.close?.(),
    async start(spec, signal) {
      // The task's (or function's) region picks which of the simulator's ECR registries a bare
      // `host:port` names; both ECS and Lambda set AWS_REGION in the environment.
      const region = spec.env.AWS_REGION ?? "us-east-1";
      const image = await images.resolve(spec.image, region, signal);
      // Callers that still pass one merged argv (entryPoint + command) override both.
      const split = spec.entryPoint !== undefined || spec.command !== undefined;
      const plan = processPlan(image.config, {
        entryPoint: split ? spec.entryPoint : spec.argv,
        command: split ? spec.command : undefined,
        env: spec.env,
        workdir: spec.workdir,
        user: spec.user,
      });
      const resolved: WorkloadSpec = {
        ...spec,
        entryPoint: undefined,
        command: undefined,
        argv: plan.argv,
        env: plan.env,
        workdir: plan.workdir,
        user: plan.user,
        root: image.kind === "image"
          ? { kind: "layers", layers: image.layers }
          : { kind: "builtin", note: image.note },
      };
      return await inner.start(resolved, signal);
    },
  };
}
