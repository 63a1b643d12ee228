/**
 * Finding containers: every container is a function carrying the backend's tags, and its run
 * state is read from the cloud too — the start and stop marks in its tags, and the end-of-run
 * marker the command's wrapper writes to the function's log group.
 *
 * @module
 */
import {
  type FunctionConfiguration,
  ListFunctionsCommand,
  ListTagsCommand,
} from "@aws-sdk/client-lambda";
import { type FilteredLogEvent, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { type CloudContainer, CloudDirectory } from "../core/cloud/mod.ts";
import type { ContainerCreateBody } from "../core/container_types.ts";
import { type LambdaCloud, logGroupOf } from "./cloud.ts";
import { END_PATTERN, exitStatusOf } from "./run_script.ts";
import { identityOf, type RunMarks, runMarksOf } from "./tags.ts";

/** The function environment variable holding the create body, verbatim. */
export const CREATE_BODY_ENV = "SOCKERLESS_CREATE_BODY";

/** A container as the backend sees it. */
export interface LambdaContainer extends CloudContainer {
  functionName: string;
  functionArn: string;
  /** The function's environment (the agent's callback URL and secret among it). */
  environment: Record<string, string>;
  marks: RunMarks;
  /** How the latest run ended, as its log says; absent while it runs or before any start. */
  ended?: { at: number; exitCode: number };
}

export class ContainerDirectory extends CloudDirectory<LambdaContainer> {
  constructor(private readonly cloud: LambdaCloud) {
    super();
  }

  /** Every container, newest first. */
  async all(): Promise<LambdaContainer[]> {
    const found: LambdaContainer[] = [];
    for (const fn of await this.#functions()) {
      const c = await this.#container(fn);
      if (c) found.push(c);
    }
    return found.sort((a, b) => b.created - a.created);
  }

  async #functions(): Promise<FunctionConfiguration[]> {
    const functions: FunctionConfiguration[] = [];
    let Marker: string | undefined;
    do {
      const page = await this.cloud.lambda.send(new ListFunctionsCommand({ Marker }));
      functions.push(...(page.Functions ?? []));
      Marker = page.NextMarker;
    } while (Marker);
    return functions.filter((f) => f.FunctionName?.startsWith("sockerless-"));
  }

  async #container(fn: FunctionConfiguration): Promise<LambdaContainer | undefined> {
    let Tags: Record<string, string> | undefined;
    try {
      ({ Tags } = await this.cloud.lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn })));
    } catch (error) {
      // Deleted since the listing (a --rm removal between the two calls): no longer a container.
      if ((error as Error).name === "ResourceNotFoundException") return undefined;
      throw error;
    }
    const identity = identityOf(Tags);
    if (!identity) return undefined;
    const environment = fn.Environment?.Variables ?? {};
    const raw = environment[CREATE_BODY_ENV];
    if (!raw) {
      throw new Error(`lambda backend: function ${fn.FunctionName} carries no ${CREATE_BODY_ENV}`);
    }
    const marks = runMarksOf(Tags);
    const c: LambdaContainer = {
      ...identity,
      body: JSON.parse(raw) as ContainerCreateBody,
      functionName: fn.FunctionName!,
      functionArn: fn.FunctionArn!,
      environment,
      marks,
    };
    const stoppedAfterStart = marks.stopped && marks.stopped.at >= (marks.startedAt ?? Infinity);
    if (marks.startedAt !== undefined && !stoppedAfterStart) {
      c.ended = await this.#ending(c.functionName, marks.startedAt);
    }
    return c;
  }

  /** The last end-of-run line logged since `since`, if the run has ended. */
  async #ending(
    functionName: string,
    since: number,
  ): Promise<{ at: number; exitCode: number } | undefined> {
    const events: FilteredLogEvent[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.cloud.logs.send(
          new FilterLogEventsCommand({
            logGroupName: logGroupOf(functionName),
            filterPattern: END_PATTERN,
            startTime: since,
            nextToken,
          }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      // The group appears with the function's first instance; before that nothing has ended.
      if ((error as Error).name === "ResourceNotFoundException") return undefined;
      throw error;
    }
    for (const e of events.reverse()) {
      const exitCode = exitStatusOf(e.message ?? "");
      if (exitCode !== undefined) return { at: e.timestamp ?? since, exitCode };
    }
    return undefined;
  }
}
