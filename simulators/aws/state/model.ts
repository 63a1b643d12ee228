/**
 * The simulator's resources as plain JSON, exactly in the shapes the AWS APIs return them, so a
 * describe call can hand them out as they are and the whole document can be saved to the data
 * directory. Keys are `region/name` (or ARNs, which carry their region): resources are regional.
 *
 * @module
 */

export interface Tag {
  key: string;
  value: string;
}

export interface Cluster {
  clusterArn: string;
  clusterName: string;
  status: "ACTIVE" | "INACTIVE";
  registeredContainerInstancesCount: number;
  runningTasksCount: number;
  pendingTasksCount: number;
  activeServicesCount: number;
  statistics: unknown[];
  tags: Tag[];
  settings: { name: string; value: string }[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: unknown[];
}

export interface KeyValuePair {
  name: string;
  value: string;
}

/** The subset of ECS's ContainerDefinition the simulator acts on; other fields are kept as given. */
export interface ContainerDefinition {
  name: string;
  image: string;
  essential?: boolean;
  command?: string[];
  entryPoint?: string[];
  environment?: KeyValuePair[];
  workingDirectory?: string;
  user?: string;
  stopTimeout?: number;
  interactive?: boolean;
  pseudoTerminal?: boolean;
  logConfiguration?: { logDriver: string; options?: Record<string, string> };
  [field: string]: unknown;
}

export interface TaskDefinition {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: "ACTIVE" | "INACTIVE" | "DELETE_IN_PROGRESS";
  containerDefinitions: ContainerDefinition[];
  volumes: unknown[];
  placementConstraints: unknown[];
  compatibilities: string[];
  requiresCompatibilities?: string[];
  networkMode?: string;
  cpu?: string;
  memory?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  registeredAt: number;
  registeredBy: string;
  deregisteredAt?: number;
  [field: string]: unknown;
}

export type TaskStatus =
  | "PROVISIONING"
  | "PENDING"
  | "ACTIVATING"
  | "RUNNING"
  | "DEACTIVATING"
  | "STOPPING"
  | "DEPROVISIONING"
  | "STOPPED";

export interface TaskContainer {
  containerArn: string;
  taskArn: string;
  name: string;
  image: string;
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  runtimeId?: string;
  networkInterfaces: unknown[];
  healthStatus: string;
  cpu: string;
  memory?: string;
  managedAgents?: { name: string; lastStatus: string; lastStartedAt?: number }[];
}

export interface ContainerOverride {
  name: string;
  command?: string[];
  environment?: KeyValuePair[];
}

export interface Task {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  lastStatus: TaskStatus;
  desiredStatus: "RUNNING" | "STOPPED";
  launchType: string;
  platformVersion?: string;
  platformFamily?: string;
  cpu?: string;
  memory?: string;
  containers: TaskContainer[];
  overrides: { containerOverrides: ContainerOverride[] };
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: "TaskFailedToStart" | "EssentialContainerExited" | "UserInitiated";
  group: string;
  startedBy?: string;
  enableExecuteCommand: boolean;
  version: number;
  attachments: unknown[];
  availabilityZone: string;
  connectivity: string;
  healthStatus: string;
  tags: Tag[];
}

export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface LogStream {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  arn: string;
  storedBytes: number;
  events: LogEvent[];
}

export interface LogGroup {
  logGroupName: string;
  creationTime: number;
  arn: string;
  logGroupArn: string;
  storedBytes: number;
  metricFilterCount: number;
  retentionInDays?: number;
  logGroupClass: string;
  tags: Record<string, string>;
  streams: Record<string, LogStream>;
}

export interface LambdaFunction {
  FunctionName: string;
  FunctionArn: string;
  Role: string;
  PackageType: "Image";
  Code: { ImageUri: string };
  ImageConfig?: { EntryPoint?: string[]; Command?: string[]; WorkingDirectory?: string };
  Description: string;
  Timeout: number;
  MemorySize: number;
  Environment?: { Variables: Record<string, string> };
  Architectures: string[];
  LastModified: string;
  CodeSha256: string;
  CodeSize: number;
  Version: string;
  RevisionId: string;
  State: "Pending" | "Active" | "Inactive" | "Failed";
  LastUpdateStatus: "Successful" | "Failed" | "InProgress";
  Tags: Record<string, string>;
  [field: string]: unknown;
}

export interface Repository {
  repositoryArn: string;
  registryId: string;
  repositoryName: string;
  repositoryUri: string;
  createdAt: number;
  imageTagMutability: string;
  imageScanningConfiguration: { scanOnPush: boolean };
  encryptionConfiguration: { encryptionType: string };
  tags: Tag[];
}

/**
 * One image in an ECR repository: its manifest as pushed (the registry serves these exact bytes)
 * and what DescribeImages reports about it.
 */
export interface EcrImage {
  imageDigest: string;
  imageManifest: string;
  imageManifestMediaType: string;
  /** The config's media type, for manifests that have one (not for indexes). */
  artifactMediaType?: string;
  imageTags: string[];
  imageSizeInBytes: number;
  imagePushedAt: number;
  lastRecordedPullTime?: number;
}

/** What an ECR repository holds: its images by digest, and the blobs linked to it with their sizes. */
export interface RepositoryContents {
  images: Record<string, EcrImage>;
  layers: Record<string, number>;
}

/** Everything the simulator knows, as one JSON document. */
export interface AwsState {
  clusters: Record<string, Cluster>;
  taskDefinitions: Record<string, TaskDefinition[]>;
  tasks: Record<string, Task>;
  logGroups: Record<string, LogGroup>;
  functions: Record<string, LambdaFunction>;
  repositories: Record<string, Repository>;
  /** ECR repository contents, keyed like `repositories` (`region/name`). */
  repositoryContents: Record<string, RepositoryContents>;
  /** ECR account settings by `region/name` (`BLOB_MOUNTING`). */
  ecrAccountSettings: Record<string, string>;
  /** The key registry passwords from GetAuthorizationToken are signed with (base64), made on first use. */
  ecrTokenKey?: string;
}

export function emptyState(): AwsState {
  return {
    clusters: {},
    taskDefinitions: {},
    tasks: {},
    logGroups: {},
    functions: {},
    repositories: {},
    repositoryContents: {},
    ecrAccountSettings: {},
  };
}
