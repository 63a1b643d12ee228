/**
 * System calls on the lambda backend: `/info` counts from a function scan, `/system/df` with
 * the containers it finds, `/events` from what this backend did and saw.
 *
 * @module
 */
import type { BackendHandlers } from "../core/protocol.ts";
import { summarizeContainer } from "./render.ts";
import { type LambdaBackendState, stateOf } from "./state.ts";

type SystemHandlers = Pick<BackendHandlers, "system.info" | "system.df" | "system.events">;

export function systemHandlers(state: LambdaBackendState): SystemHandlers {
  return {
    "system.info": async () => {
      const all = await state.directory.all();
      const running = all.filter((c) => stateOf(c).Running).length;
      const access = state.cloud.access;
      return {
        name: "lambda",
        description: `lambda backend: each container is an image-package Lambda function ` +
          `(${access.region}, ${access.endpoint ?? "AWS"}); exec through agents dialling ` +
          state.agents.url,
        driver: "lambda",
        driverStatus: [
          ["Backend", "lambda"],
          ["Region", access.region],
          ["Endpoint", access.endpoint ?? "AWS"],
          ["Agent callback", state.agents.url],
        ],
        containers: { total: all.length, running, paused: 0, stopped: all.length - running },
        images: 0,
        runtimes: ["lambda"],
        defaultRuntime: "lambda",
        plugins: { Volume: [], Network: [], Authorization: null, Log: ["awslogs"] },
        loggingDriver: "awslogs",
        eventListeners: state.events.listeners,
        warnings: [
          "WARNING: the lambda backend does not pull images: the function names the image and " +
          "Lambda pulls it (the AWS simulator runs its built-in root filesystem for every image)",
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
