/**
 * Finding containers in the cloud by the backend's tags: a container that has run is its tasks
 * (newest task per container id); one only created is its active task definition, registered
 * at create with the same tags, that no task runs yet. So a restarted daemon finds both.
 *
 * @module
 */
import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import { type CloudContainer, CloudDirectory, type ContainerIdentity } from "../core/cloud/mod.ts";
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
  /** The task definition registered at create, while no task has run. */
  definitionArn?: string;
  /** Set by a start in this process as soon as RunTask answers, for attaches waiting on it. */
  launched?: string;
  /** The task definition's environment (the agent's callback URL and secret among it). */
  environment?: Record<string, string>;
}

/** What a task definition says about its container; revisions are immutable. */
interface Definition {
  body: ContainerCreateBody;
  environment: Record<string, string>;
  /** From its tags; absent on a definition not of a live container. */
  identity?: ContainerIdentity;
}

/** The family every container's task definitions are registered in (create.ts familyOf). */
const FAMILY_PREFIX = "sockerless-";

export class ContainerDirectory extends CloudDirectory<EcsContainer> {
  /**
   * Containers created by this process and not yet started: the very objects start and attach
   * share (an attach waits on `launched`). The cloud holds them too; this is no record.
   */
  readonly pending = new Map<string, EcsContainer>();
  /** Task definition revisions are immutable, so what they say is cached by ARN. */
  #definitions = new Map<string, Definition>();

  constructor(private readonly cloud: EcsCloud) {
    super();
  }

  /** Every container, newest first: those with tasks, and those only created. */
  async all(): Promise<EcsContainer[]> {
    // Definitions first: a start between the two scans then shows its task, not nothing.
    const created = await this.#createdDefinitions();
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
    for (const [arn, d] of created) {
      if (!d.identity || byId.has(d.identity.id)) continue;
      byId.set(d.identity.id, {
        ...d.identity,
        body: d.body,
        environment: d.environment,
        definitionArn: arn,
        taskArns: [],
      });
    }
    for (const [id, c] of this.pending) {
      if (byId.has(id) && !byId.get(id)!.task) byId.set(id, c);
      else this.pending.delete(id); // started (its task is listed) or removed elsewhere
    }
    return [...byId.values()].sort((a, b) => b.created - a.created);
  }

  /** Active task definitions of the backend's family, with what they say. */
  async #createdDefinitions(): Promise<[string, Definition][]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.cloud.ecs.send(
        new ListTaskDefinitionsCommand({ status: "ACTIVE", nextToken, maxResults: 100 }),
      );
      arns.push(
        ...(page.taskDefinitionArns ?? []).filter((arn) =>
          arn.includes(`:task-definition/${FAMILY_PREFIX}`)
        ),
      );
      nextToken = page.nextToken;
    } while (nextToken);
    return await Promise.all(
      arns.map(async (arn): Promise<[string, Definition]> => [arn, await this.#definition(arn)]),
    );
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
    const { taskDefinition, tags } = await this.cloud.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn, include: ["TAGS"] }),
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
      identity: identityOf(tags),
    };
    this.#definitions.set(taskDefinitionArn, definition);
    return definition;
  }
}
