/**
 * A container and look for the tests of this folder: the run state is whatever the test sets.
 *
 * @module
 */
import type { ContainerState } from "../container_types.ts";
import { runState } from "./container_state.ts";
import type { CloudContainer, ContainerLook } from "./render.ts";

export interface TestContainer extends CloudContainer {
  state: ContainerState;
  run?: string;
}

export function testContainer(
  id: string,
  name: string,
  run: {
    running?: boolean;
    exitCode?: number;
    started?: boolean;
    labels?: Record<string, string>;
  } = {},
): TestContainer {
  const started = run.started ?? true;
  return {
    id,
    name,
    created: 1_700_000_000_000,
    image: "alpine",
    autoRemove: false,
    body: { Image: "alpine", Cmd: ["echo", "hi"], Labels: run.labels ?? {} },
    state: runState({
      started,
      running: run.running ?? false,
      exitCode: run.exitCode ?? 0,
      ...(started ? { startedAt: new Date(1_700_000_001_000) } : {}),
    }),
  };
}

export const testLook: ContainerLook<TestContainer> = {
  driver: "test-driver",
  networkMode: "none",
  stateOf: (c) => c.state,
  graphDriverData: (c) => ({ Resource: `arn:${c.id}` }),
};
