/** Relay cursor connections over an in-memory list: first/after/last/before, opaque cursors. */

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: { node: T; cursor: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

export const cursorFor = (index: number) => btoa(`cursor:${index + 1}`);

function indexOf(cursor: string): number {
  let text: string;
  try {
    text = atob(cursor);
  } catch {
    throw new Error(`\`${cursor}\` does not appear to be a valid cursor.`);
  }
  const m = /^cursor:(\d+)$/.exec(text);
  if (!m) throw new Error(`\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(m[1]) - 1;
}

export function connection<T>(items: T[], args: ConnectionArgs = {}): Connection<T> {
  for (const k of ["first", "last"] as const) {
    const v = args[k];
    if (v != null && (v < 0 || v > 100)) {
      throw new Error(
        `Requesting ${v} records on the connection exceeds the \`${k}\` limit of 100 records.`,
      );
    }
  }
  let start = 0;
  let end = items.length;
  if (args.after) start = Math.max(start, indexOf(args.after) + 1);
  if (args.before) end = Math.min(end, indexOf(args.before));
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = items.slice(start, Math.max(start, end));
  const edges = slice.map((node, i) => ({ node, cursor: cursorFor(start + i) }));
  return {
    totalCount: items.length,
    nodes: slice,
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
