/**
 * What every build step shares: the builder's services (StepDeps), recording a step's result
 * in the stage, and answering a step from the cache.
 *
 * @module
 */
import type { ProgressChannel, ProgressMessage } from "../../core/registry/mod.ts";
import { digestOf } from "../../core/images/mod.ts";
import type { BuildCache, StepResult } from "./build_cache.ts";
import type { SourceTree } from "./copy_sources.ts";
import { type StageState, stepId } from "./stage_state.ts";
import type { StepContainer } from "./step_container.ts";

/** A progress message, or a `{"stream"}` line as load and build print. */
export type StreamMessage = ProgressMessage & { stream?: string };

/** What steps need from the builder. */
export interface StepDeps {
  cache: BuildCache;
  nocache: boolean;
  /** A step container on the stage's current layers. */
  container(state: StageState): Promise<StepContainer>;
  /** The files COPY --from names: a stage's or image's, for the given source paths. */
  fromTree(
    from: string,
    sources: string[],
    out: ProgressChannel<StreamMessage>,
  ): Promise<SourceTree>;
  context: SourceTree;
  /** Build arguments given with the request; names are marked used when an ARG declares them. */
  buildArgs: Record<string, string | null>;
  usedArgs: Set<string>;
  /** Values of ARGs declared before the first FROM. */
  metaArgs: Map<string, string | undefined>;
  out: ProgressChannel<StreamMessage>;
  signal?: AbortSignal;
}

/** The `created_by` of a step that ran nothing. */
export const nop = (text: string) => `/bin/sh -c #(nop) ${text}`;

/** Applies a step's result to the stage. */
export function record(state: StageState, key: string, result: StepResult): void {
  state.cfg.config = result.config;
  state.cfg.author = result.author;
  if (result.layer) state.layers.push({ diffId: digestOf(result.layer), tar: result.layer });
  state.history.push(result.history);
  state.key = key;
}

/** A cached result for the key (printing `Using cache`), unless `nocache`. */
export async function cached(deps: StepDeps, key: string): Promise<StepResult | undefined> {
  if (deps.nocache) return undefined;
  const hit = await deps.cache.get(key);
  if (hit) {
    deps.out.push({ stream: " ---> Using cache\n" });
    deps.out.push({ stream: ` ---> ${stepId(key)}\n` });
  }
  return hit;
}
