/**
 * Global node IDs shared by REST (`node_id`) and GraphQL (`id`). Like GitHub's newer IDs they
 * are a type prefix plus an opaque part; ours encodes the row id so lookups need no table.
 */

const PREFIX = {
  User: "U",
  Organization: "O",
  Repository: "R",
  Issue: "I",
  PullRequest: "PR",
  IssueComment: "IC",
  Label: "LA",
  Milestone: "MI",
  PullRequestReview: "PRR",
  Release: "RE",
  Team: "T",
  Commit: "C",
  Ref: "REF",
} as const;

export type NodeType = keyof typeof PREFIX;

export function nodeId(type: NodeType, id: number | string): string {
  return `${PREFIX[type]}_${btoa(String(id)).replace(/=+$/, "")}`;
}

/** Decodes a node ID into its type and id, or undefined for anything we did not mint. */
export function parseNodeId(id: string): { type: NodeType; id: string } | undefined {
  const sep = id.indexOf("_");
  if (sep < 0) return undefined;
  const prefix = id.slice(0, sep);
  const type = (Object.keys(PREFIX) as NodeType[]).find((k) => PREFIX[k] === prefix);
  if (!type) return undefined;
  try {
    const raw = id.slice(sep + 1);
    return { type, id: atob(raw + "=".repeat((4 - raw.length % 4) % 4)) };
  } catch {
    return undefined;
  }
}
