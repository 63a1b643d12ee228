/**
 * System calls on a cloud backend: `/info` counts from a cloud scan, `/system/df` with the
 * containers it finds (no images or volumes are kept here), `/events` from what this backend did
 * and saw. Every container logs to CloudWatch Logs (awslogs).
 *
 * @module
 */
import type { EventBus } from "../events.ts";
import type { BackendHandlers } from "../protocol.ts";
import { type CloudContainer, type ContainerLook, summarizeContainer } from "./render.ts";

type SystemHandlers = Pick<BackendHandlers, "system.info" | "system.df" | "system.events">;

/** What `docker info` says about the backend beyond the counts. */
export interface CloudAbout {
  /** The backend's name ("ecs"). */
  backend: string;
  description: string;
  driverStatus: [string, string][];
  /** Why `docker pull` downloads nothing here, shown at the end of `docker info`. */
  pullWarning: string;
}

export function systemHandlers<C extends CloudContainer>(
  state: { directory: { all(): Promise<C[]> }; events: EventBus },
  look: ContainerLook<C>,
  about: CloudAbout,
): SystemHandlers {
  return {
    "system.info": async () => {
      const all = await state.directory.all();
      const running = all.filter((c) => look.stateOf(c).Running).length;
      return {
        name: about.backend,
        description: about.description,
        driver: look.driver,
        driverStatus: about.driverStatus,
        containers: { total: all.length, running, paused: 0, stopped: all.length - running },
        images: 0,
        runtimes: [look.driver],
        defaultRuntime: look.driver,
        plugins: { Volume: [], Network: [], Authorization: null, Log: ["awslogs"] },
        loggingDriver: "awslogs",
        eventListeners: state.events.listeners,
        warnings: [about.pullWarning],
      };
    },
    "system.df": async () => ({
      LayersSize: 0,
      Images: [],
      Containers: (await state.directory.all()).map((c) => ({
        ...summarizeContainer(c, look),
        SizeRw: 0,
        SizeRootFs: 0,
      })),
      Volumes: [],
      BuildCache: [],
    }),
    "system.events": ({ query }) => state.events.subscribe(query),
  };
}
