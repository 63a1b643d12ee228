/**
 * The one list of matrix scenarios, in the order of the matrix's rows.
 *
 * @module
 */
import type { Scenario } from "../scenario.ts";
import { execScenarios } from "./exec.ts";
import { fileScenarios } from "./files.ts";
import { imageScenarios } from "./images.ts";
import { inspectScenarios } from "./inspect.ts";
import { lifecycleScenarios } from "./lifecycle.ts";
import { runScenarios } from "./run.ts";
import { storageNetworkScenarios } from "./storage_network.ts";

export const scenarios: Scenario[] = [
  ...runScenarios,
  ...execScenarios,
  ...lifecycleScenarios,
  ...inspectScenarios,
  ...fileScenarios,
  ...storageNetworkScenarios,
  ...imageScenarios,
];
