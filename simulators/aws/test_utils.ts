/**
 * Shared test setup: a simulator on a free port and client options for the official SDKs.
 *
 * @module
 */
import { type AwsSimulator, type AwsSimulatorOptions, startAwsSimulator } from "./mod.ts";

export interface SimFixture {
  sim: AwsSimulator;
  /** Options for any `@aws-sdk/client-*` constructor. */
  client: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    maxAttempts: number;
  };
}

/** Runs `fn` against a fresh simulator and closes it afterwards. */
export async function withSimulator(
  fn: (f: SimFixture) => Promise<void>,
  options: AwsSimulatorOptions = {},
): Promise<void> {
  const sim = await startAwsSimulator({ port: 0, ...options });
  try {
    await fn({
      sim,
      client: {
        endpoint: sim.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
        maxAttempts: 1,
      },
    });
  } finally {
    await sim.close();
  }
}
