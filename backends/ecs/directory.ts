/**
 * Finding containers. A container that was created but not started exists only here (the
 * create→start gap is the backend's one piece of local state); every other container is found in
 * the cloud by scanning tasks for the backend's tags, newest task per container id.
 *
 * @module
 */
import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import { type CloudContainer, CloudDirectory } from "../core/cloud/mod.ts";
import type { ContainerCreateBody } from "../core/container_types.ts";
import { CLUSTER, type EcsCloud } from "./cloud.ts";
import { identityOf } from "./tags.ts";

/** The docker label on the task definition's container holding the create body, verbatim. */
export const CREATE_BODY_LABEL = "io.sockerless.create-body";

/** A container as the backend sees it: its identity, its create body and its newest task. */
export interface EcsContainer extends CloudContainer {
  /** Absent while the container is only created. */
  task?: Task;
  /** Every task this container has run (a stopped container can be started again). */
  taskArns: string[];
  /** Set by a start in this process as soon as RunTask answers, for attaches waiting on it. */
  launched?: string;
  /** The task definition's environment (the agent's callback URL and secret among it). */
  environment?: Record<string, string>;
}

/** What a task definition says about its container; revisions are immutable. */
interface Definition {
  body: ContainerCreateBody;
  environment: Record<string, string>;
}

export class ContainerDirectory extends CloudDirectory<EcsContainer> {
  /** Created, not yet started: the only local state. */
  readonly pending = new Map<string, EcsContainer>();
  /** Task definition revisions are immutable, so what they say is cached by ARN. */
  #definitions = new Map<string, Definition>();

  constructor(private readonly cloud: EcsCloud) {
    super();
  }

  /** Every container: pending ones, then the cloud's, newest first. */
  async all(): Promise<EcsContainer[]> {
    const tasks = await this.#managedTasks();
    const byId = new Map<string, EcsContainer>();
    for (const task of tasks) {
      const identity = identityOf(task.tags)!;
      const known = byId.get(identity.id);
      if (known) {
        known.taskArns.push(task.taskArn!);
        if ((task.createdAt?.getTime() ?? 0) <= (known.task!.createdAt?.getTime() ?? 0)) continue;
        known.task = task;
        // A later run may have a later revision (a new callback URL, baked stdin).
        known.environment = (await this.#definition(task.taskDefinitionArn!)).environment;
        continue;
      }
      const { body, environment } = await this.#definition(task.taskDefinitionArn!);
      byId.set(identity.id, { ...identity, body, environment, task, taskArns: [task.taskArn!] });
    }
    for (const id of this.pending.keys()) byId.delete(id);
    return [...this.pending.values(), ...byId.values()].sort((a, b) => b.created - a.created);
  }

  async #managedTasks(): Promise<Task[]> {
    const arns: string[] = [];
    for (const desiredStatus of ["RUNNING", "STOPPED"] as const) {
      let nextToken: string | undefined;
      do {
        const page = await this.cloud.ecs.send(
          new ListTasksCommand({ cluster: CLUSTER, desiredStatus, nextToken, maxResults: 100 }),
        );
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    }
    const tasks: Task[] = [];
    for (let i = 0; i < arns.length; i += 100) {
      const described = await this.cloud.ecs.send(
        new DescribeTasksCommand({
          cluster: CLUSTER,
          tasks: arns.slice(i, i + 100),
          include: ["TAGS"],
        }),
      );
      tasks.push(...(described.tasks ?? []).filter((t) => identityOf(t.tags)));
    }
    return tasks;
  }

  async #definition(taskDefinitionArn: string): Promise<Definition> {
    const cached = this.#definitions.get(taskDefinitionArn);
    if (cached) return cached;
    const { taskDefinition } = await this.cloud.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn }),
    );
    const container = taskDefinition?.containerDefinitions?.[0];
    const raw = container?.dockerLabels?.[CREATE_BODY_LABEL];
    if (!raw) {
      throw new Error(
        `ecs backend: task definition ${taskDefinitionArn} carries no ${CREATE_BODY_LABEL} label`,
      );
    }
    const definition = {
      body: JSON.parse(raw) as ContainerCreateBody,
      environment: Object.fromEntries(
        (container!.environment ?? []).map((kv) => [kv.name ?? "", kv.value ?? ""]),
      ),
    };
    this.#definitions.set(taskDefinitionArn, definition);
    return definition;
  }
}
