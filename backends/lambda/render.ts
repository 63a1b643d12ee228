/**
 * How Lambda containers look through the Docker API (backends/core/cloud/render.ts builds the
 * shapes): the run state comes from the function's tags and log, and GraphDriver names the
 * function.
 *
 * @module
 */
import type { ContainerLook } from "../core/cloud/mod.ts";
import type { LambdaContainer } from "./directory.ts";
import { stateOf } from "./state.ts";

export const lambdaLook: ContainerLook<LambdaContainer> = {
  driver: "lambda",
  networkMode: "none",
  stateOf,
  graphDriverData: (c) => ({ FunctionArn: c.functionArn }),
};
