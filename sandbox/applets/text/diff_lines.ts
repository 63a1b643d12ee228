/**
 * A line diff (Myers' O(ND) algorithm) and its grouping into unified-diff hunks with N lines of
 * context, in the layout busybox and GNU diff print ("@@ -1,2 +1 @@", "\ No newline at end of
 * file"). Written here rather than taken from a package because the hunk layout is the part that
 * must match busybox byte for byte.
 *
 * @module
 */

export type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

/** The shortest edit script turning `a` into `b`, compared through `key`. */
export function editScript(a: string[], b: string[], key: (s: string) => string = (s) => s): Op[] {
  const ka = a.map(key), kb = b.map(key);
  const n = a.length, m = b.length, max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1))
        ? v.get(k + 1)!
        : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < n && y < m && ka[x] === kb[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n, y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1))
      ? k + 1
      : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: " ", line: a[x - 1], a: x - 1, b: y - 1 });
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: "+", line: b[y - 1], a: x, b: y - 1 });
    else ops.push({ kind: "-", line: a[x - 1], a: x - 1, b: y });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", line: a[x - 1], a: x - 1, b: y - 1 });
    x--;
    y--;
  }
  return ops.reverse();
}

function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * Unified hunks for `ops`. `noNewlineA`/`noNewlineB` mark inputs whose last line lacked "\n".
 */
export function unifiedHunks(
  ops: Op[],
  context: number,
  aLength: number,
  bLength: number,
  noNewlineA: boolean,
  noNewlineB: boolean,
): string {
  const changes = ops.map((op, i) => (op.kind !== " " ? i : -1)).filter((i) => i >= 0);
  if (changes.length === 0) return "";
  let out = "";
  let i = 0;
  while (i < changes.length) {
    let start = Math.max(0, changes[i] - context);
    let end = Math.min(ops.length, changes[i] + context + 1);
    while (i + 1 < changes.length && changes[i + 1] - context <= end) {
      i++;
      end = Math.min(ops.length, changes[i] + context + 1);
    }
    i++;
    if (start < 0) start = 0;
    const slice = ops.slice(start, end);
    const aStart = slice.find((o) => o.kind !== "+")?.a ?? slice[0].a;
    const bStart = slice.find((o) => o.kind !== "-")?.b ?? slice[0].b;
    const aCount = slice.filter((o) => o.kind !== "+").length;
    const bCount = slice.filter((o) => o.kind !== "-").length;
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n`;
    for (const op of slice) {
      out += op.kind + op.line + "\n";
      const lastA = op.kind !== "+" && op.a === aLength - 1 && noNewlineA;
      const lastB = op.kind !== "-" && op.b === bLength - 1 && noNewlineB;
      if (
        (op.kind === "-" && lastA) || (op.kind === "+" && lastB) ||
        (op.kind === " " && (lastA || lastB))
      ) {
        out += "\\ No newline at end of file\n";
      }
    }
  }
  return out;
}
