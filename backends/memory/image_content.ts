/**
 * Image content on the memory backend: push, save, load, import, prune, search and registry
 * login, over the image store and registry client of backends/core. Streamed replies are
 * Docker's JSON lines, started first so early failures keep their HTTP status.
 *
 * @module
 */
import type { ContainerConfig as RequestConfig } from "../core/container_types.ts";
import { InvalidParameter, NotFound, NotImplemented, Unavailable } from "../core/errors.ts";
import {
  type ContainerConfig,
  createImage,
  familiarString,
  type ImageStore,
  loadImages,
  parseReference,
  pruneImages,
  saveImages,
  selectImagesToSave,
  withDefaultTag,
} from "../core/images/mod.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import type { ImportRequest } from "../core/protocol_image_build.ts";
import { login, pushImage, registryBaseUrl, startJsonLines } from "../core/registry/mod.ts";
import { applyChanges, decompressedTar, type StreamMessage } from "./build/mod.ts";
import type { MemoryBackendState } from "./state.ts";

type ContentHandlers = Pick<
  BackendHandlers,
  | "image.push"
  | "image.save"
  | "image.load"
  | "image.import"
  | "image.prune"
  | "image.search"
  | "system.auth"
>;

async function* once(...messages: StreamMessage[]): AsyncGenerator<StreamMessage> {
  yield* messages;
}

/** `repo` and `tag` of commit/import as one reference, or none. */
export function targetTag(repo?: string, tag?: string): string[] {
  if (!repo) {
    if (tag) throw new InvalidParameter("tag is given without a repository (repo)");
    return [];
  }
  return [familiarString(withDefaultTag(parseReference(tag ? `${repo}:${tag}` : repo)))];
}

async function importSource(source: ImportRequest["source"]): Promise<ReadableStream<Uint8Array>> {
  if (typeof source !== "string") return await decompressedTar(source);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : `http://${source}`);
  } catch {
    throw new InvalidParameter(`invalid import source URL: ${source}`);
  }
  const response = await fetch(url).catch((error) => {
    throw new Unavailable(`cannot fetch ${url}: ${(error as Error).message}`);
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new InvalidParameter(`fetching ${url} failed with status ${response.status}`);
  }
  return await decompressedTar(response.body);
}

/**
 * What a push names: `name:tag`, the name's own tag, or (no tag at all, `docker push
 * --all-tags`) every tag of the repository, as moby does.
 */
export function pushTargets(store: ImageStore, name: string, tag?: string): string[] {
  if (tag) return [`${name}:${tag}`];
  const reference = parseReference(name);
  if (reference.tag || reference.digest) return [name];
  const tags = store.list().flatMap((image) => image.repoTags)
    .map((t) => parseReference(t))
    .filter((t) => t.domain === reference.domain && t.path === reference.path)
    .map((t) => familiarString(t));
  if (tags.length === 0) {
    throw new NotFound(`An image does not exist locally with the tag: ${name}`);
  }
  return [...new Set(tags)].sort();
}

/** The image-relevant part of a container config. */
export function imageConfigOf(config: RequestConfig): ContainerConfig {
  const pick: ContainerConfig = {};
  const fields = [
    "User",
    "ExposedPorts",
    "Env",
    "Entrypoint",
    "Cmd",
    "Healthcheck",
    "Volumes",
    "WorkingDir",
    "Labels",
    "StopSignal",
    "OnBuild",
    "Shell",
  ] as const;
  for (const field of fields) {
    const value = config[field];
    if (value !== undefined && value !== null && value !== "") {
      (pick as Record<string, unknown>)[field] = value;
    }
  }
  return pick;
}

export function imageContentHandlers(state: MemoryBackendState): ContentHandlers {
  const store = state.images;
  const usage = (imageId: string) =>
    state.containers.all().filter((c) => c.image.id === imageId).map((c) => ({
      id: c.id,
      running: c.running,
    }));
  return {
    "image.push": async ({ name, tag, credentials }) => {
      const names = pushTargets(store, name, tag);
      const events = async function* () {
        for (const full of names) {
          yield* pushImage(store, full, {
            credentials,
            insecureRegistries: state.options.insecureRegistries,
          });
          state.events.publish("image", "push", { ID: full, Attributes: { name: full } });
        }
      };
      return await startJsonLines(events());
    },
    "image.save": ({ names }) => {
      if (names.length === 0) throw new InvalidParameter("no image names given to save");
      selectImagesToSave(store, names); // NotFound before any byte
      for (const name of names) {
        state.events.publish("image", "save", { ID: name, Attributes: { name } });
      }
      return saveImages(store, names);
    },
    "image.load": async ({ archive, quiet }) => {
      const { images, messages } = await loadImages(store, archive);
      for (const { image, tags } of images) {
        state.events.publish("image", "load", {
          ID: image.id,
          Attributes: { name: tags[0] ?? image.id },
        });
      }
      void quiet; // the classic daemon prints the same lines either way; -q only hides progress
      return await startJsonLines(once(...messages.map((m) => ({ stream: `${m}\n` }))));
    },
    "image.import": async (request) => {
      const tags = targetTag(request.repo, request.tag);
      const config = applyChanges({}, request.changes);
      const [os, architecture] = (request.platform ?? "linux/amd64").split("/");
      const tar = await importSource(request.source);
      const image = await createImage(store, {
        layers: [tar],
        config: { config, os, architecture },
        history: [{
          created: new Date().toISOString(),
          created_by: "",
          comment: request.message ||
            `Imported from ${typeof request.source === "string" ? request.source : "-"}`,
        }],
        tags,
      });
      state.events.publish("image", "import", {
        ID: image.id,
        Attributes: { name: tags[0] ?? image.id },
      });
      return await startJsonLines(once({ status: image.id }));
    },
    "image.prune": async ({ filters }) => {
      const report = await pruneImages(store, filters, usage);
      for (const item of report.ImagesDeleted ?? []) {
        const [action, id] = "Untagged" in item
          ? ["untag", item.Untagged]
          : ["delete", item.Deleted];
        state.events.publish("image", action, { ID: id, Attributes: { name: id } });
      }
      state.events.publish("image", "prune", {
        ID: "",
        Attributes: { reclaimed: String(report.SpaceReclaimed) },
      });
      return report;
    },
    "image.search": async ({ term, limit }) => {
      const first = term.split("/")[0];
      const explicit = term.includes("/") && (/[.:]/.test(first) || first === "localhost");
      const domain = explicit ? first : "docker.io";
      const query = explicit ? term.slice(first.length + 1) : term;
      const base = domain === "docker.io"
        ? "https://index.docker.io"
        : registryBaseUrl(domain, state.options.insecureRegistries);
      const url = `${base}/v1/search?q=${encodeURIComponent(query)}&n=${limit ?? 25}`;
      const response = await fetch(url).catch((error) => {
        throw new Unavailable(`search: cannot reach ${base}: ${(error as Error).message}`);
      });
      if (response.status === 404) {
        await response.body?.cancel();
        throw new NotImplemented(
          `search: the registry ${domain} has no search endpoint (${url} answered 404); ` +
            "the OCI distribution API has none",
        );
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Unavailable(`search: ${url} answered ${response.status}`);
      }
      const body = await response.json() as { results?: unknown[] };
      return body.results ?? [];
    },
    "system.auth": ({ credentials }) =>
      login(credentials, { insecureRegistries: state.options.insecureRegistries }),
  };
}
