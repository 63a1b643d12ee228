/**
 * The classic builder's config steps (ARG and the instructions that only change the config,
 * with WORKDIR also creating its directory), cached like the others so a rebuild gives the
 * same image.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import type { StepResult } from "./build_cache.ts";
import { stepKey } from "./build_cache.ts";
import { applyConfigInstruction } from "./config_instructions.ts";
import { writeCopy } from "./copy_step.ts";
import type { Instruction } from "./dockerfile_parser.ts";
import { processPairs } from "./shell_lex.ts";
import { type StageState, stageVariables, stepId } from "./stage_state.ts";
import { cached, nop, record, type StepDeps } from "./step_common.ts";

/** A config-only step: no container, but cached like the others so a rebuild is identical. */
export async function configStep(
  state: StageState,
  instruction: Instruction,
  text: string,
  deps: StepDeps,
): Promise<void> {
  const key = stepKey(state.key, text);
  // ENTRYPOINT clears an inherited CMD only when this stage has not set one.
  if (instruction.name === "cmd") state.cfg.cmdSet = true;
  const hit = await cached(deps, key);
  if (hit) return record(state, key, hit);
  const cfg = { ...state.cfg, config: structuredClone(state.cfg.config) };
  applyConfigInstruction(cfg, instruction, stageVariables(state));
  // WORKDIR creates its directory when the image lacks it, as moby's ContainerCreateWorkdir.
  const layer = instruction.name === "workdir"
    ? await workdirLayer(state, cfg.config.WorkingDir!, deps)
    : undefined;
  const result: StepResult = {
    config: cfg.config,
    author: cfg.author,
    history: {
      created: new Date().toISOString(),
      created_by: nop(` ${text}`),
      ...(!layer && { empty_layer: true }),
    },
    layer,
  };
  await deps.cache.put(key, result);
  deps.out.push({ stream: ` ---> ${stepId(key)}\n` });
  record(state, key, result);
}

/** A layer with the working directory (root-owned, 0755), or none when it exists already. */
async function workdirLayer(
  state: StageState,
  dir: string,
  deps: StepDeps,
): Promise<Uint8Array | undefined> {
  const container = await deps.container(state);
  try {
    if (await container.kind(dir) === "dir") return undefined;
    const path = dir.replace(/^\/+/, "");
    return await writeCopy(container, [{
      path,
      entry: { path, type: "directory", mode: 0o755, mtimeMs: Date.now() },
    }], {});
  } finally {
    await container.stop();
  }
}

/** `ARG name[=default] …`: declares build arguments for the rest of the stage. */
export async function argStep(
  state: StageState,
  instruction: Instruction,
  deps: StepDeps,
): Promise<void> {
  const pairs = processPairs(instruction.args, stageVariables(state), state.cfg.escape, false);
  if (pairs.length === 0) throw new InvalidParameter("ARG requires at least one argument");
  for (const [name, fallback] of pairs) {
    deps.usedArgs.add(name);
    const given = deps.buildArgs[name];
    const value = given !== undefined && given !== null
      ? given
      : fallback ?? (deps.metaArgs.has(name) ? deps.metaArgs.get(name) : undefined);
    state.args.set(name, value);
  }
  const text = `ARG ${instruction.args}`;
  const values = [...state.args].map(([k, v]) => `${k}=${v ?? ""}`).join(" ");
  const key = stepKey(state.key, text, values);
  const hit = await cached(deps, key);
  if (hit) return record(state, key, hit);
  const result: StepResult = {
    config: structuredClone(state.cfg.config),
    author: state.cfg.author,
    history: { created: new Date().toISOString(), created_by: nop(text), empty_layer: true },
  };
  await deps.cache.put(key, result);
  deps.out.push({ stream: ` ---> ${stepId(key)}\n` });
  record(state, key, result);
}
