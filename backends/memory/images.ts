/**
 * Images on the memory backend: pulls from real registries into the image store; when the
 * registry cannot be reached, the built-in sandbox root filesystem stands in for the image —
 * loudly: the pull progress says so and the image carries `io.sockerless.builtin=true`.
 *
 * @module
 */
import { Unavailable } from "../core/errors.ts";
import {
  familiarString,
  imageHistory,
  inspectImage,
  listImages,
  parseReference,
  removeImage,
  withDefaultTag,
} from "../core/images/mod.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import {
  errorMessage,
  type ProgressMessage,
  pullImage,
  statusMessage,
} from "../core/registry/mod.ts";
import { registerBuiltinImage } from "./builtin_image.ts";
import type { MemoryBackendState } from "./state.ts";

type ImageHandlers = Pick<
  BackendHandlers,
  "image.pull" | "image.list" | "image.inspect" | "image.history" | "image.tag" | "image.remove"
>;

async function* pullWithFallback(
  state: MemoryBackendState,
  name: string,
  credentials: Parameters<typeof pullImage>[2] extends infer O ? O : never,
): AsyncGenerator<ProgressMessage> {
  const reference = withDefaultTag(parseReference(name));
  const display = familiarString(reference);
  try {
    yield* pullImage(state.images, name, {
      ...credentials,
      insecureRegistries: state.options.insecureRegistries,
    });
    state.events.publish("image", "pull", { ID: display, Attributes: { name: display } });
    return;
  } catch (error) {
    if (!(error instanceof Unavailable)) {
      yield errorMessage(error);
      return;
    }
    yield statusMessage(`${(error as Error).message}`);
  }
  yield statusMessage(
    `WARNING: no registry reachable for ${display}: using the built-in sandbox root filesystem ` +
      "(Alpine-like, busybox applets) in its place, labelled io.sockerless.builtin=true",
  );
  const image = await registerBuiltinImage(state.images, reference);
  yield statusMessage(`Digest: ${image.manifestDigest}`);
  yield statusMessage(`Status: Image is the built-in sandbox root filesystem for ${display}`);
  state.events.publish("image", "pull", {
    ID: display,
    Attributes: { name: display, "io.sockerless.builtin": "true" },
  });
}

function stream<T>(source: AsyncGenerator<T>): ReadableStream<T> {
  return new ReadableStream<T>({
    async pull(controller) {
      const { value, done } = await source.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

export function imageHandlers(state: MemoryBackendState): ImageHandlers {
  const usage = (imageId: string) =>
    state.containers.all().filter((c) => c.image.id === imageId).map((c) => ({
      id: c.id,
      running: c.running,
    }));
  return {
    "image.pull": ({ name, credentials }) => {
      withDefaultTag(parseReference(name));
      return stream(pullWithFallback(state, name, { credentials }));
    },
    "image.list": ({ filters }) => {
      const summaries = listImages(state.images, filters);
      for (const s of summaries) s.Containers = usage(s.Id).length;
      return summaries;
    },
    "image.inspect": ({ name }) => inspectImage(state.images.resolve(name).image),
    "image.history": ({ name }) => imageHistory(state.images.resolve(name).image),
    "image.tag": async ({ name, repo, tag }) => {
      const { image } = state.images.resolve(name);
      const target = familiarString(withDefaultTag(parseReference(tag ? `${repo}:${tag}` : repo)));
      await state.images.tag(image.id, target);
      state.events.publish("image", "tag", { ID: image.id, Attributes: { name: target } });
    },
    "image.remove": async ({ name, force }) => {
      const deleted = await removeImage(state.images, name, { force, usage });
      for (const item of deleted) {
        const [action, id] = "Untagged" in item
          ? ["untag", item.Untagged]
          : ["delete", item.Deleted];
        state.events.publish("image", action, { ID: id, Attributes: { name: id } });
      }
      return deleted;
    },
  };
}
