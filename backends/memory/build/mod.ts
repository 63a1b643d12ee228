/**
 * The classic builder (`docker build` without BuildKit) for the memory backend: Dockerfile
 * parsing and Docker's variable substitution, `.dockerignore`, the build context, stages run
 * step by step (RUN in a sandbox container actor, COPY/ADD, config instructions, ONBUILD), and
 * a layer cache under the data root. `applyChanges` serves `docker commit`/`import --change`.
 *
 * @example
 * ```ts
 * import { BuildCache, build, readBuildContext } from "./mod.ts";
 *
 * const context = await readBuildContext(body, "Dockerfile");
 * const steps = build({ store, cache: new BuildCache(dir), spawn, host, pull }, context, options);
 * for (;;) {
 *   const next = await steps.next();
 *   if (next.done) break; // next.value is the stored ImageRecord
 *   send(next.value); // {"stream": "Step 1/3 : FROM busybox\n"} …
 * }
 * ```
 *
 * @module
 */
export { BuildCache, stepKey, type StepResult } from "./build_cache.ts";
export {
  type BuildContext,
  type ContextEntry,
  decompressedTar,
  readBuildContext,
} from "./build_context.ts";
export { build, type BuilderDeps } from "./builder.ts";
export { applyChanges } from "./config_instructions.ts";
export { parseDockerfile } from "./dockerfile_parser.ts";
export type { StreamMessage } from "./step_common.ts";
export { IgnoreRules } from "./dockerignore.ts";
