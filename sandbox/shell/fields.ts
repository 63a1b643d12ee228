/**
 * Field splitting: unquoted expansion results are cut on IFS characters, IFS whitespace
 * collapsing and other IFS characters each ending a field, as POSIX 2.6.5 describes.
 *
 * @module
 */
import type { Fragment } from "./expand.ts";

/** Splits fragments into fields on IFS, following POSIX's whitespace/non-whitespace rules. */
export function splitFields(frags: Fragment[], ifs: string): Fragment[][] {
  const fields: Fragment[][] = [];
  let current: Fragment[] = [];
  let started = false;
  let endedByWhitespace = false;
  const end = () => {
    fields.push(current);
    current = [];
    started = false;
  };
  for (const f of frags) {
    if (f.boundary) {
      if (started) end();
      endedByWhitespace = false;
      continue;
    }
    if (f.quoted || !f.split || ifs === "") {
      current.push(f);
      started = true;
      endedByWhitespace = false;
      continue;
    }
    let text = "";
    for (const c of f.text) {
      if (!ifs.includes(c)) {
        text += c;
        started = true;
        endedByWhitespace = false;
        continue;
      }
      if (text) current.push({ text, quoted: false });
      text = "";
      if (c === " " || c === "\t" || c === "\n") {
        if (started) {
          end();
          endedByWhitespace = true;
        }
      } else {
        if (started) end();
        else if (!endedByWhitespace) end();
        endedByWhitespace = false;
      }
    }
    if (text) current.push({ text, quoted: false });
  }
  if (started) end();
  return fields;
}
