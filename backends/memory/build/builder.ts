/**
 * The classic builder (`POST /build` without BuildKit): stages from FROM to FROM, run in order
 * up to `target`, each step printed as `Step N/M : …` with its ID, and the target stage stored
 * as one image at the end. A failing build stores nothing in the image store (only finished
 * steps in the build cache), so an error leaves no half-made image behind.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import { type ImageRecord, type ImageStore, shortId } from "../../core/images/mod.ts";
import { createImage } from "../../core/images/mod.ts";
import { ProgressChannel } from "../../core/registry/mod.ts";
import type { BuildOptions } from "../../core/protocol_image_build.ts";
import type { BuildCache } from "./build_cache.ts";
import { stepKey } from "./build_cache.ts";
import type { BuildContext } from "./build_context.ts";
import { configInstructions } from "./config_instructions.ts";
import { type SourceTree, treeFromArchive } from "./copy_sources.ts";
import { type Instruction, parseDockerfile, parseInstruction } from "./dockerfile_parser.ts";
import { splitStages } from "./stages.ts";
import { processPairs, processWord } from "./shell_lex.ts";
import { cloneStage, type StageState } from "./stage_state.ts";
import { argStep, configStep } from "./config_steps.ts";
import { copyStep, runStep } from "./stage_steps.ts";
import type { StepDeps, StreamMessage } from "./step_common.ts";
import type { ImageLayerBytes } from "./step_container.ts";
import { type SpawnStepActor, StepContainer } from "./step_container.ts";

/** What the builder needs from the backend. */
export interface BuilderDeps {
  store: ImageStore;
  cache: BuildCache;
  spawn: SpawnStepActor;
  host: { ncpu: number; memTotal: number };
  /** Pulls an image (Docker's progress messages; an `errorDetail` message means it failed). */
  pull(name: string): ReadableStream<StreamMessage> | Promise<ReadableStream<StreamMessage>>;
  /** An image's layers as the step containers take them (blob digest, uncompressed tar). */
  layers(image: ImageRecord): Promise<ImageLayerBytes[]>;
  /** Aborted when the client goes away: the running step is killed and the build stops. */
  signal?: AbortSignal;
}

/**
 * Runs a build; yields Docker's build messages, returns the stored image.
 *
 * @example
 * ```ts
 * for await (const message of build(deps, context, options)) send(message);
 * ```
 */
export async function* build(
  deps: BuilderDeps,
  context: BuildContext,
  options: BuildOptions,
): AsyncGenerator<StreamMessage, ImageRecord> {
  const dockerfile = context.entries.get(context.dockerfile);
  if (!dockerfile?.data) {
    throw new InvalidParameter(
      `Cannot locate specified Dockerfile: ${options.dockerfile} (not in the build context)`,
    );
  }
  const parsed = parseDockerfile(new TextDecoder().decode(dockerfile.data));
  const { meta, stages: all } = splitStages(parsed.instructions);
  let stages = all;
  if (options.target) {
    const index = all.findIndex((s) => s.name === options.target!.toLowerCase());
    if (index < 0) {
      throw new InvalidParameter(`failed to reach build target ${options.target} in Dockerfile`);
    }
    stages = all.slice(0, index + 1);
  }
  const total = stages.reduce((n, s) => n + 1 + s.steps.length, 0);
  const usedArgs = new Set<string>();
  const metaArgs = new Map<string, string | undefined>();
  for (const instruction of meta) {
    for (
      const [name, fallback] of processPairs(
        instruction.args,
        new Map(metaArgs as Map<string, string>),
        parsed.escape,
        false,
      )
    ) {
      usedArgs.add(name);
      metaArgs.set(name, options.buildArgs[name] ?? fallback);
    }
  }
  const metaVars = new Map([...metaArgs].filter(([, v]) => v !== undefined) as [string, string][]);
  const done = new Map<string, StageState>();
  let step = 0;
  let current: StageState | undefined;

  const stepContainer = async (state: StageState) => {
    state.baseLayers ??= state.base ? await deps.layers(state.base) : [];
    const layers = [
      ...state.baseLayers,
      ...state.layers.map((l) => ({ digest: l.diffId, tar: l.tar })),
    ];
    return await StepContainer.start(deps.spawn, layers, deps.host);
  };
  const resolveImage = async function* (name: string): AsyncGenerator<StreamMessage, ImageRecord> {
    const present = (() => {
      try {
        return deps.store.resolve(name).image;
      } catch {
        return undefined;
      }
    })();
    if (present && !options.pull) return present;
    for await (const message of await deps.pull(name)) {
      if (message.errorDetail || message.error) {
        throw new InvalidParameter(message.errorDetail?.message ?? message.error ?? "pull failed");
      }
      yield message;
    }
    return deps.store.resolve(name).image;
  };
  const fromTree = async (
    from: string,
    sources: string[],
    out: ProgressChannel<StreamMessage>,
  ): Promise<SourceTree> => {
    const stage = done.get(from.toLowerCase());
    const state = stage ?? newStage(
      from,
      await drainTo(resolveImage(processWord(from, metaVars)), out),
      parsed.escape,
    );
    const container = await stepContainer(state);
    try {
      const tree: SourceTree = new Map();
      for (const source of sources) {
        // A wildcard is matched later, in the tree of the directory above its first wildcard.
        const parts = source.split("/").filter(Boolean);
        const plain = parts.findIndex((part) => /[*?[]/.test(part));
        const path = "/" + (plain < 0 ? parts : parts.slice(0, plain)).join("/");
        const tar = await container.archive(path).catch((error) => {
          throw new InvalidParameter(`COPY --from=${from}: ${path}: ${(error as Error).message}`);
        });
        for (const [key, entry] of await treeFromArchive(tar, path)) tree.set(key, entry);
      }
      return tree;
    } finally {
      await container.stop();
    }
  };
  const stepDeps: StepDeps = {
    cache: deps.cache,
    nocache: options.nocache,
    signal: deps.signal,
    container: stepContainer,
    fromTree,
    context: context.entries,
    buildArgs: options.buildArgs,
    usedArgs,
    metaArgs,
    out: new ProgressChannel<StreamMessage>(), // replaced per step by runInstruction
  };

  for (const stage of stages) {
    step++;
    yield { stream: `Step ${step}/${total} : ${stage.from.original}\n` };
    const baseName = processWord(stage.from.args.split(/\s+/)[0], metaVars, parsed.escape);
    const previous = done.get(baseName.toLowerCase());
    if (previous) {
      current = cloneStage(previous, stage.name);
    } else if (baseName === "scratch") {
      current = newStage(stage.name, undefined, parsed.escape);
    } else {
      const image = yield* resolveImage(baseName);
      current = newStage(stage.name, image, parsed.escape);
    }
    yield { stream: ` ---> ${shortId(current.base?.id ?? current.key)}\n` };
    const triggers = current.cfg.config.OnBuild ?? [];
    current.cfg.config.OnBuild = null;
    if (triggers.length) {
      yield {
        stream: `# Executing ${triggers.length} build trigger${triggers.length > 1 ? "s" : ""}\n`,
      };
    }
    const steps = [
      ...triggers.map((text) => parseInstruction(text, stage.from.line)),
      ...stage.steps,
    ];
    for (const instruction of steps) {
      deps.signal?.throwIfAborted();
      // ONBUILD triggers run first and are not counted as steps, as in moby.
      if (stage.steps.includes(instruction)) {
        step++;
        yield { stream: `Step ${step}/${total} : ${instruction.original}\n` };
      }
      yield* runInstruction(current, instruction, stepDeps);
    }
    done.set(stage.name, current);
    done.set(String(stages.indexOf(stage)), current);
  }
  const unused = Object.keys(options.buildArgs).filter((name) => !usedArgs.has(name));
  if (unused.length) {
    yield { stream: `[Warning] One or more build-args [${unused.join(" ")}] were not consumed\n` };
  }
  const final = current!;
  const config = structuredClone(final.cfg.config);
  if (Object.keys(options.labels).length) config.Labels = { ...config.Labels, ...options.labels };
  const image = await createImage(deps.store, {
    base: final.base,
    layers: final.layers.map((l) => new Blob([l.tar as Uint8Array<ArrayBuffer>]).stream()),
    config: {
      config,
      // The last step's time, so a build answered wholly from the cache is the same image.
      created: final.history.at(-1)?.created ?? final.base?.config.created,
      ...(final.cfg.author && { author: final.cfg.author }),
      architecture: final.architecture,
      os: final.os,
    },
    history: final.history,
    tags: options.tags,
  });
  return image;
}

function newStage(name: string, base: ImageRecord | undefined, escape: string): StageState {
  return {
    name,
    base,
    layers: [],
    cfg: {
      config: structuredClone(base?.config.config ?? {}),
      author: base?.config.author,
      cmdSet: false,
      escape,
    },
    architecture: base?.config.architecture ?? "amd64",
    os: base?.config.os ?? "linux",
    history: [],
    args: new Map(),
    key: stepKey("", base ? `FROM ${base.id}` : "FROM scratch"),
  };
}

/** Runs one instruction, forwarding the messages its step produces as they come. */
async function* runInstruction(
  state: StageState,
  instruction: Instruction,
  deps: StepDeps,
): AsyncGenerator<StreamMessage> {
  const channel = new ProgressChannel<StreamMessage>();
  const stepDeps = { ...deps, out: channel };
  const work = (async () => {
    switch (instruction.name) {
      case "run":
        return await runStep(state, instruction, stepDeps);
      case "copy":
      case "add":
        return await copyStep(state, instruction, stepDeps);
      case "arg":
        return await argStep(state, instruction, stepDeps);
      default:
        if (!configInstructions.has(instruction.name)) {
          throw new InvalidParameter(`unknown instruction: ${instruction.name.toUpperCase()}`);
        }
        return await configStep(
          state,
          instruction,
          instruction.original.replace(/^\S+/, (n) => n.toUpperCase()),
          stepDeps,
        );
    }
  })();
  work.then(() => channel.close(), (error) => channel.fail(error));
  for await (const message of channel) yield message;
  await work;
}

async function drainTo<T>(
  source: AsyncGenerator<StreamMessage, T>,
  out: ProgressChannel<StreamMessage>,
): Promise<T> {
  for (;;) {
    const next = await source.next();
    if (next.done) return next.value;
    out.push(next.value);
  }
}
