/**
 * System calls on the ecs backend: `/info` counts from a cloud scan, `/system/df` with the
 * containers it finds, `/events` from what this backend did and saw.
 *
 * @module
 */
import type { BackendHandlers } from "../core/protocol.ts";
import { CLUSTER } from "./cloud.ts";
import { stateOf, summarizeContainer } from "./render.ts";
import type { EcsBackendState } from "./state.ts";

type SystemHandlers = Pick<BackendHandlers, "system.info" | "system.df" | "system.events">;

export function systemHandlers(state: EcsBackendState): SystemHandlers {
  return {
    "system.info": async () => {
      const all = await state.directory.all();
      const running = all.filter((c) => stateOf(c).Running).length;
      const access = state.cloud.access;
      return {
        name: "ecs",
        description: `ecs backend: each container is an ECS Fargate task in cluster ${CLUSTER} ` +
          `(${access.region}, ${access.endpoint ?? "AWS"})`,
        driver: "ecs-fargate",
        driverStatus: [
          ["Backend", "ecs"],
          ["Cluster", CLUSTER],
          ["Region", access.region],
          ["Endpoint", access.endpoint ?? "AWS"],
        ],
        containers: { total: all.length, running, paused: 0, stopped: all.length - running },
        images: 0,
        runtimes: ["ecs-fargate"],
        defaultRuntime: "ecs-fargate",
        plugins: { Volume: [], Network: [], Authorization: null, Log: ["awslogs"] },
        loggingDriver: "awslogs",
        eventListeners: state.events.listeners,
        warnings: [
          "WARNING: the ecs backend does not pull images: the task definition names the image " +
          "and ECS pulls it (the AWS simulator runs its built-in root filesystem for every image)",
        ],
      };
    },
    "system.df": async () => ({
      LayersSize: 0,
      Images: [],
      Containers: (await state.directory.all()).map((c) => ({
        ...summarizeContainer(c),
        SizeRw: 0,
        SizeRootFs: 0,
      })),
      Volumes: [],
      BuildCache: [],
    }),
    "system.events": ({ query }) => state.events.subscribe(query),
  };
}
