/**
 * The images tasks and functions run: pulled with the project's registry client (manifest for
 * linux/amd64, config, layers, each verified) into an image store under the simulator's data
 * directory (a temporary one without it), every time a workload starts, as Fargate and Lambda
 * pull rather than trust a host cache: a tag that moved runs its new image, an image deleted
 * from its registry no longer runs. Layers already stored are not downloaded again.
 *
 * Only a Docker Hub name whose registry cannot be reached at all may run on the sandbox's
 * built-in root filesystem instead, and the result says so (`builtin` with a note); every other
 * failure is an {@link ImagePullError} in ECS's words.
 *
 * @module
 */
import { Unavailable } from "../../../backends/core/errors.ts";
import {
  type ContainerConfig,
  type ImageRecord,
  ImageStore,
} from "../../../backends/core/images/mod.ts";
import { drain, pullImage, type RegistryCredentials } from "../../../backends/core/registry/mod.ts";
import { type LayerBytes, LayerBytesCache } from "./layer_bytes.ts";
import { cannotPull, ImagePullError } from "./pull_error.ts";
import { pullTarget } from "./pull_target.ts";

/** The runtime config of the built-in root filesystem, as the memory backend's built-in image has. */
export const BUILTIN_CONFIG: ContainerConfig = {
  Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
  Cmd: ["/bin/sh"],
};

/** An image ready to run. */
export type ResolvedImage =
  | {
    kind: "image";
    /** The fully qualified reference. */
    qualified: string;
    /** The manifest digest the reference resolved to. */
    digest: string;
    config: ContainerConfig;
    layers: LayerBytes[];
  }
  | { kind: "builtin"; qualified: string; note: string; config: ContainerConfig };

export interface SimulatorImagesOptions {
  /** Where pulled images are kept; a temporary directory (removed on close) when absent. */
  dir?: string;
  /** Registries (`host[:port]`) reached over plain HTTP besides loopback ones. */
  insecureRegistries?: string[];
  accountId: string;
  /** The simulator's `host:port`, known once it listens. */
  endpointHost: () => string;
  /** An ECR registry password for a region: what a task execution role obtains. */
  ecrPassword: (region: string) => Promise<string>;
  /** Attempts per registry request (default 4; Docker Hub's reachability is tried twice). */
  attempts?: number;
}

/** After Docker Hub was found unreachable, workloads fall back without asking again for this long. */
const HUB_RECHECK_MS = 60_000;

export class SimulatorImages {
  #layers = new LayerBytesCache();
  #queue: Promise<unknown> = Promise.resolve();
  #hubDown: { until: number; error: unknown } | undefined;

  private constructor(
    readonly store: ImageStore,
    private readonly options: SimulatorImagesOptions,
    private readonly temporary: boolean,
  ) {}

  static async open(options: SimulatorImagesOptions): Promise<SimulatorImages> {
    const dir = options.dir ?? await Deno.makeTempDir({ prefix: "aws-sim-images-" });
    await Deno.mkdir(dir, { recursive: true });
    return new SimulatorImages(await ImageStore.open(dir), options, options.dir === undefined);
  }

  /**
   * Pulls `image` for a workload in `region` (whose ECR registry a bare `host:port` of the
   * simulator names). Rejects with an {@link ImagePullError}.
   */
  async resolve(image: string, region: string, signal?: AbortSignal): Promise<ResolvedImage> {
    let target;
    try {
      target = pullTarget(image, {
        endpointHost: this.options.endpointHost(),
        accountId: this.options.accountId,
        defaultRegion: region,
      });
    } catch (e) {
      throw new ImagePullError(
        `CannotPullContainerError: failed to parse image reference ${JSON.stringify(image)}: ${
          (e as Error).message
        }`,
        true,
        false,
      );
    }
    const attempts = target.dockerHub ? 2 : this.options.attempts ?? 4;
    const hubDown = this.#hubDown;
    if (target.dockerHub && hubDown && hubDown.until > Date.now()) {
      return this.#builtin(target.qualified, hubDown.error);
    }
    let record: ImageRecord;
    try {
      const credentials: RegistryCredentials | undefined = target.ecrRegion
        ? { username: "AWS", password: await this.options.ecrPassword(target.ecrRegion) }
        : undefined;
      record = await this.#serially(async () =>
        (await drain(pullImage(this.store, target.pullName, {
          credentials,
          insecureRegistries: this.options.insecureRegistries,
          retry: { attempts },
          signal,
        }))).result
      );
    } catch (e) {
      if (target.dockerHub && e instanceof Unavailable) {
        this.#hubDown = { until: Date.now() + HUB_RECHECK_MS, error: e };
        return this.#builtin(target.qualified, e);
      }
      throw cannotPull(target.qualified, e, attempts);
    }
    if (target.dockerHub) this.#hubDown = undefined;
    return {
      kind: "image",
      qualified: target.qualified,
      digest: record.manifestDigest,
      config: record.config.config ?? {},
      layers: await this.#layers.of(this.store, record),
    };
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => {});
    if (this.temporary) await Deno.remove(this.store.root, { recursive: true }).catch(() => {});
  }

  #builtin(qualified: string, error: unknown): ResolvedImage {
    return {
      kind: "builtin",
      qualified,
      config: BUILTIN_CONFIG,
      note: `image ${qualified} was not pulled: no registry is reachable for it (${
        (error as Error).message
      }); the sandbox's built-in root filesystem (Alpine-like, busybox applets) stands for it`,
    };
  }

  // One pull at a time: concurrent pulls of images sharing layers would download them twice.
  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => {});
    return run;
  }
}

export { ImagePullError };
