/**
 * The classic builder's filesystem steps: RUN (in a step container) and COPY/ADD (from the
 * context, another stage or an image). Each extends the stage's cache key chain and reuses a
 * cached result for the same key.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import type { StepResult } from "./build_cache.ts";
import { stepKey } from "./build_cache.ts";
import { commandLine } from "./config_instructions.ts";
import {
  type CopyItem,
  itemsFor,
  matchSources,
  sourcesDigest,
  type SourceTree,
} from "./copy_sources.ts";
import { fetchUrls, urlName } from "./add_urls.ts";
import { parseChmod, writeCopy } from "./copy_step.ts";
import type { Instruction } from "./dockerfile_parser.ts";
import { processWords } from "./shell_lex.ts";
import { runArgs, type StageState, stageVariables, stepId } from "./stage_state.ts";
import { cached, nop, record, type StepDeps } from "./step_common.ts";

/** RUN: executes in a step container; its changes are the step's layer. */
export async function runStep(
  state: StageState,
  instruction: Instruction,
  deps: StepDeps,
): Promise<void> {
  if (instruction.flags.length) {
    throw new InvalidParameter(
      `RUN --${instruction.flags[0].name} needs BuildKit; the classic builder has no RUN flags`,
    );
  }
  const argv = commandLine(instruction, state.cfg.config);
  const args = runArgs(state);
  const createdBy = (args.length ? `|${args.length} ${args.join(" ")} ` : "") + argv.join(" ");
  const key = stepKey(state.key, `RUN ${JSON.stringify(argv)}`, args.join("\n"));
  const hit = await cached(deps, key);
  if (hit) return record(state, key, hit);
  const container = await deps.container(state);
  try {
    deps.out.push({ stream: ` ---> Running in ${container.id.slice(0, 12)}\n` });
    const config = state.cfg.config;
    // A build whose client went away must not leave its RUN going.
    const kill = () => container.killAll();
    deps.signal?.addEventListener("abort", kill, { once: true });
    const status = await container.run({
      argv,
      env: [...args, ...(config.Env ?? [])],
      cwd: config.WorkingDir || "/",
      user: config.User ?? "",
    }, (text) => deps.out.push({ stream: text })).finally(() => {
      deps.signal?.removeEventListener("abort", kill);
    });
    deps.signal?.throwIfAborted();
    if (status !== 0) {
      throw new InvalidParameter(
        `The command '${argv.join(" ")}' returned a non-zero code: ${status}`,
      );
    }
    const layer = await container.commitLayer();
    const result: StepResult = {
      config: structuredClone(config),
      author: state.cfg.author,
      history: { created: new Date().toISOString(), created_by: createdBy },
      layer,
    };
    await deps.cache.put(key, result);
    deps.out.push({
      stream: ` ---> Removed intermediate container ${container.id.slice(0, 12)}\n`,
    });
    deps.out.push({ stream: ` ---> ${stepId(key)}\n` });
    record(state, key, result);
  } finally {
    await container.stop();
  }
}

/** COPY and ADD. */
export async function copyStep(
  state: StageState,
  instruction: Instruction,
  deps: StepDeps,
): Promise<void> {
  const verb = instruction.name.toUpperCase();
  const flags = new Map<string, string>();
  for (const { name, value } of instruction.flags) {
    if (!["from", "chown", "chmod"].includes(name) || (name === "from" && verb === "ADD")) {
      throw new InvalidParameter(`${verb} --${name} is not supported by the classic builder`);
    }
    flags.set(name, String(value));
  }
  const vars = stageVariables(state);
  const words = instruction.json ?? processWords(instruction.args, vars, state.cfg.escape);
  if (words.length < 2) throw new InvalidParameter(`${verb} requires at least two arguments`);
  const sources = words.slice(0, -1);
  let dest = words[words.length - 1];
  const chmod = parseChmod(flags.get("chmod"));
  const chown = flags.get("chown");
  const from = flags.get("from");
  const urls = sources.filter((s) => /^https?:\/\//.test(s));
  if (urls.length && verb === "COPY") {
    throw new InvalidParameter(`source can't be a URL for COPY: ${urls[0]}`);
  }
  const tree: SourceTree = from
    ? await deps.fromTree(from, sources, deps.out)
    : urls.length
    ? new Map([...deps.context, ...await fetchUrls(urls)])
    : deps.context;
  const matched: string[] = [];
  for (const source of sources) {
    const key = /^https?:\/\//.test(source) ? urlName(source) : source;
    const found = matchSources(tree, key);
    if (found.length === 0) {
      throw new InvalidParameter(
        from
          ? `${verb} failed: stat ${source}: file does not exist (in ${from})`
          : `${verb} failed: file not found in build context or excluded by .dockerignore: ` +
            `stat ${source}: file does not exist`,
      );
    }
    matched.push(...found);
  }
  if (!dest.startsWith("/")) dest = `${state.cfg.config.WorkingDir || "/"}/${dest}`;
  const many = matched.length > 1 || sources.some((s) => /[*?[]/.test(s));
  if (many && !dest.endsWith("/")) {
    throw new InvalidParameter(
      `When using ${verb} with more than one source file, the destination must be a directory and end with a /`,
    );
  }
  const text = `${verb} ${
    [...instruction.flags.map((f) => `--${f.name}=${f.value}`), ...words].join(" ")
  }`;
  const content = sourcesDigest(tree, matched);
  const key = stepKey(state.key, text, content);
  const hit = await cached(deps, key);
  if (hit) return record(state, key, hit);
  const container = await deps.container(state);
  try {
    const destPath = dest.replace(/^\/+/, "").replace(/\/+$/, "");
    const destIsDir = dest.endsWith("/") || await container.kind(`/${destPath}`) === "dir";
    const items: CopyItem[] = [];
    for (const path of matched) {
      items.push(
        ...await itemsFor(
          tree,
          path,
          destPath,
          destIsDir,
          verb === "ADD" && !from && !path.startsWith(".url/"),
        ),
      );
    }
    const layer = await writeCopy(container, items, { chown, chmod });
    const result: StepResult = {
      config: structuredClone(state.cfg.config),
      author: state.cfg.author,
      history: {
        created: new Date().toISOString(),
        created_by: nop(`${verb} ${sourceKind(tree, matched)}:${content.slice(7)} in ${dest} `),
      },
      layer,
    };
    await deps.cache.put(key, result);
    deps.out.push({ stream: ` ---> ${stepId(key)}\n` });
    record(state, key, result);
  } finally {
    await container.stop();
  }
}

/** moby's history label for what a COPY/ADD took: `file`, `dir` or `multi`. */
function sourceKind(tree: SourceTree, matched: string[]): string {
  if (matched.length > 1) return "multi";
  return tree.get(matched[0])?.type === "file" ? "file" : "dir";
}
