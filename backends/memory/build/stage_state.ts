/**
 * What the classic builder knows about a stage while it runs: the base image, the layers its
 * steps added, the config so far, its history, its build arguments and the cache key chain.
 *
 * @module
 */
import { type HistoryEntry, type ImageRecord, shortId } from "../../core/images/mod.ts";
import type { ImageLayerBytes } from "./step_container.ts";
import type { ConfigState } from "./config_instructions.ts";
import { envVariables } from "./config_instructions.ts";
import type { Variables } from "./shell_lex.ts";

export interface StageState {
  /** The stage's name (`AS name`), lower case, or its index. */
  name: string;
  /** The image the stage starts from; undefined for `FROM scratch`. */
  base?: ImageRecord;
  /** The base image's layers, read from the store when a step container first needs them. */
  baseLayers?: ImageLayerBytes[];
  /** Layers the stage's steps added, bottom first (a FROM of a stage carries them on). */
  layers: { diffId: string; tar: Uint8Array }[];
  cfg: ConfigState;
  architecture: string;
  os: string;
  history: HistoryEntry[];
  /** Build arguments declared in this stage, with their values (undefined: declared, unset). */
  args: Map<string, string | undefined>;
  /** The cache key of the last step. */
  key: string;
}

/** A copy a later `FROM <stage>` can go on from without changing this one. */
export function cloneStage(state: StageState, name: string): StageState {
  return {
    ...state,
    name,
    layers: [...state.layers],
    cfg: { ...state.cfg, config: structuredClone(state.cfg.config), cmdSet: false },
    history: [...state.history],
    args: new Map(),
  };
}

/** Variables for substitution: the stage's build arguments, with its Env over them. */
export function stageVariables(state: StageState): Variables {
  const vars: Variables = new Map();
  for (const [name, value] of state.args) if (value !== undefined) vars.set(name, value);
  for (const [name, value] of envVariables(state.cfg.config)) vars.set(name, value);
  return vars;
}

/** Build arguments a RUN sees in its environment (ENV wins over them), as `KEY=VALUE`. */
export function runArgs(state: StageState): string[] {
  const env = envVariables(state.cfg.config);
  return [...state.args].filter(([name, value]) => value !== undefined && !env.has(name))
    .map(([name, value]) => `${name}=${value}`);
}

/** The ID the builder prints for a step: the short form of its cache key. */
export function stepId(key: string): string {
  return shortId(key);
}
