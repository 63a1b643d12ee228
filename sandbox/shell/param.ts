/**
 * Parameter expansion `${...}`: POSIX forms (`:-`, `:=`, `:?`, `:+`, `#`, `##`, `%`, `%%`,
 * `${#x}`) and the common bash ones (`${x/a/b}`, `${x//a/b}`, `${x:1:2}`, `${x^^}`, `${x,,}`,
 * `${!x}`, arrays), plus the special parameters `$@ $* $# $? $- $$ $! $0`.
 *
 * @module
 */
import type { Node, ParamExp, Word } from "./ast.ts";
import { ExpansionError } from "./arith.ts";
import {
  expandPattern,
  expandString,
  type Fragment,
  fragmentText,
  wordFragments,
} from "./expand.ts";
import { hasGlobChars, matchPattern, unescapePattern } from "./pattern.ts";
import type { Shell } from "./shell.ts";

interface Values {
  /** undefined: the parameter is unset. */
  values: string[] | undefined;
  /** Several words: "$@", "$*", ${a[@]}; `star` joins them with IFS[0] when quoted. */
  multi: boolean;
  star: boolean;
}

export async function expandParam(sh: Shell, node: ParamExp, quoted: boolean): Promise<Fragment[]> {
  const name = node.Param.Value;
  if (node.Length) {
    const v = await lookup(sh, node);
    checkSet(sh, node, v);
    const n = v.multi ? (v.values ?? []).length : [...(v.values?.[0] ?? "")].length;
    return [{ text: String(n), quoted, split: !quoted }];
  }
  if (node.Excl) return await indirect(sh, node, quoted);

  let v = await lookup(sh, node);
  if (node.Exp) {
    const op = node.Exp.Op;
    const colon = op.startsWith(":");
    const unset = v.values === undefined;
    const empty = unset ||
      (colon && v.values!.every((x) => x === "") && (!v.multi || v.values!.length <= 1));
    switch (op) {
      case "-":
      case ":-":
        if (colon ? empty : unset) {
          return splittable(await wordFragments(sh, node.Exp.Word ?? emptyWord, quoted));
        }
        break;
      case "=":
      case ":=":
        if (colon ? empty : unset) {
          const value = await expandString(sh, node.Exp.Word);
          sh.assign(name, value);
          return [{ text: value, quoted, split: !quoted }];
        }
        break;
      case "?":
      case ":?":
        if (colon ? empty : unset) {
          const message = node.Exp.Word ? await expandString(sh, node.Exp.Word) : "";
          const fallback = colon ? "parameter not set or null" : "parameter not set";
          throw new ExpansionError(`${name}: ${message || fallback}`);
        }
        break;
      case "+":
      case ":+":
        if (colon ? empty : unset) return [];
        return splittable(await wordFragments(sh, node.Exp.Word ?? emptyWord, quoted));
      default:
        checkSet(sh, node, v);
        v = { ...v, values: await transform(sh, op, node.Exp.Word, v.values ?? []) };
    }
  } else {
    checkSet(sh, node, v);
  }
  if (node.Slice) v = { ...v, values: await slice(sh, node, v) };
  if (node.Repl) v = { ...v, values: await replace(sh, node, v.values ?? []) };
  return fragments(sh, v, quoted);
}

/** In an unquoted `${x:-word}`, the word's unquoted text is split like any expansion result. */
function splittable(frags: Fragment[]): Fragment[] {
  return frags.map((f) =>
    f.quoted || f.boundary ? f : { ...f, split: true, text: fragmentText(f) }
  );
}

const emptyWord: Word = { type: "Word", Parts: [] };

function fragments(sh: Shell, v: Values, quoted: boolean): Fragment[] {
  const values = v.values ?? [];
  if (!v.multi) return [{ text: values[0] ?? "", quoted, split: !quoted }];
  if (quoted && v.star) {
    const ifs = sh.ifs();
    return [{ text: values.join(ifs === undefined ? " " : ifs.slice(0, 1)), quoted: true }];
  }
  const out: Fragment[] = [];
  values.forEach((text, i) => {
    if (i > 0) out.push({ text: "", quoted: false, boundary: true });
    out.push({ text, quoted, split: !quoted });
  });
  return out;
}

function checkSet(sh: Shell, node: ParamExp, v: Values) {
  if (v.values !== undefined || !sh.options.has("u")) return;
  const name = node.Param.Value;
  if (name === "@" || name === "*") return;
  throw new ExpansionError(`${name}: parameter not set`);
}

/** Whether an Index node is the `@` or `*` subscript. */
function subscriptAll(index: Node | null): "@" | "*" | undefined {
  if (index?.type !== "Word" || index.Parts.length !== 1 || index.Parts[0].type !== "Lit") {
    return undefined;
  }
  const v = index.Parts[0].Value;
  return v === "@" || v === "*" ? v : undefined;
}

async function lookup(sh: Shell, node: ParamExp): Promise<Values> {
  const name = node.Param.Value;
  const single = (value: string | undefined): Values => ({
    values: value === undefined ? undefined : [value],
    multi: false,
    star: false,
  });
  if (name === "@" || name === "*") {
    return { values: [...sh.positional], multi: true, star: name === "*" };
  }
  const special = sh.special(name);
  if (special !== null) return single(special);
  const variable = sh.vars.get(name);
  const all = subscriptAll(node.Index);
  if (all) {
    if (!variable) return { values: undefined, multi: true, star: all === "*" };
    const arr = Array.isArray(variable.value) ? variable.value : [variable.value];
    return {
      values: arr.filter((x): x is string => x !== undefined),
      multi: true,
      star: all === "*",
    };
  }
  if (node.Index) {
    const index = await sh.index(node.Index);
    if (!variable) return single(undefined);
    const arr = Array.isArray(variable.value) ? variable.value : [variable.value];
    return single(arr[index < 0 ? arr.length + index : index]);
  }
  return single(sh.vars.value(name));
}

async function indirect(sh: Shell, node: ParamExp, quoted: boolean): Promise<Fragment[]> {
  const name = node.Param.Value;
  if (node.Names) {
    const names = [...sh.vars.map.keys()].filter((k) => k.startsWith(name)).sort();
    return fragments(sh, { values: names, multi: true, star: node.Names === "*" }, quoted);
  }
  if (subscriptAll(node.Index)) {
    const variable = sh.vars.get(name);
    const arr = variable ? (Array.isArray(variable.value) ? variable.value : [variable.value]) : [];
    const keys = arr.flatMap((x, i) => x === undefined ? [] : [String(i)]);
    return fragments(sh, { values: keys, multi: true, star: false }, quoted);
  }
  const target = (await lookup(sh, { ...node, Excl: false })).values?.[0] ?? "";
  if (target === "") return [];
  const inner = { ...node, Excl: false, Param: { type: "Lit", Value: target } } as ParamExp;
  return await expandParam(sh, inner, quoted);
}

async function transform(sh: Shell, op: string, word: Node | null, values: string[]) {
  const pattern = word ? await expandPattern(sh, word as Word) : "";
  return values.map((value) => {
    switch (op) {
      case "#":
      case "##":
        return removePrefix(value, pattern, op === "##");
      case "%":
      case "%%":
        return removeSuffix(value, pattern, op === "%%");
      case "^":
        return value.slice(0, 1).toUpperCase() + value.slice(1);
      case "^^":
        return value.toUpperCase();
      case ",":
        return value.slice(0, 1).toLowerCase() + value.slice(1);
      case ",,":
        return value.toLowerCase();
      default:
        throw new ExpansionError(`\${...${op}...}: bad substitution`);
    }
  });
}

function removePrefix(value: string, pattern: string, longest: boolean): string {
  if (!hasGlobChars(pattern)) {
    const literal = unescapePattern(pattern);
    return value.startsWith(literal) ? value.slice(literal.length) : value;
  }
  if (longest) {
    for (let i = value.length; i >= 0; i--) {
      if (matchPattern(pattern, value.slice(0, i))) return value.slice(i);
    }
  } else {
    for (let i = 0; i <= value.length; i++) {
      if (matchPattern(pattern, value.slice(0, i))) return value.slice(i);
    }
  }
  return value;
}

function removeSuffix(value: string, pattern: string, longest: boolean): string {
  if (!hasGlobChars(pattern)) {
    const literal = unescapePattern(pattern);
    return literal !== "" && value.endsWith(literal) ? value.slice(0, -literal.length) : value;
  }
  if (longest) {
    for (let i = 0; i <= value.length; i++) {
      if (matchPattern(pattern, value.slice(i))) return value.slice(0, i);
    }
  } else {
    for (let i = value.length; i >= 0; i--) {
      if (matchPattern(pattern, value.slice(i))) return value.slice(0, i);
    }
  }
  return value;
}

async function slice(sh: Shell, node: ParamExp, v: Values): Promise<string[]> {
  const offset = await sh.index(node.Slice!.Offset);
  const length = node.Slice!.Length ? await sh.index(node.Slice!.Length) : undefined;
  const cut = <T>(items: T[]): T[] => {
    let start = offset < 0 ? Math.max(items.length + offset, 0) : offset;
    if (start > items.length) start = items.length;
    if (length === undefined) return items.slice(start);
    const end = length < 0 ? items.length + length : start + length;
    if (end < start) throw new ExpansionError(`${length}: substring expression < 0`, 1);
    return items.slice(start, end);
  };
  if (v.multi) {
    // ${@:0} starts at $0, as in bash.
    const name = node.Param.Value;
    const items = name === "@" || name === "*" ? [sh.arg0, ...v.values!] : v.values ?? [];
    if (name === "@" || name === "*") return cut(items).filter((_, i) => offset > 0 || i >= 0);
    return cut(items);
  }
  return [cut([...(v.values?.[0] ?? "")]).join("")];
}

async function replace(sh: Shell, node: ParamExp, values: string[]): Promise<string[]> {
  let pattern = await expandPattern(sh, node.Repl!.Orig);
  const replacement = await expandString(sh, node.Repl!.With);
  let anchor: "#" | "%" | undefined;
  if (pattern.startsWith("#") || pattern.startsWith("%")) {
    anchor = pattern[0] as "#" | "%";
    pattern = pattern.slice(1);
  }
  return values.map((value) => {
    if (anchor === "#") {
      for (let j = value.length; j >= 0; j--) {
        if (matchPattern(pattern, value.slice(0, j))) return replacement + value.slice(j);
      }
      return value;
    }
    if (anchor === "%") {
      for (let i = 0; i <= value.length; i++) {
        if (matchPattern(pattern, value.slice(i))) return value.slice(0, i) + replacement;
      }
      return value;
    }
    if (pattern === "") return value;
    let out = "";
    let i = 0;
    let replaced = false;
    while (i <= value.length) {
      let matched = -1;
      if (!replaced || node.Repl!.All) {
        for (let j = value.length; j > i; j--) {
          if (matchPattern(pattern, value.slice(i, j))) {
            matched = j;
            break;
          }
        }
      }
      if (matched > 0) {
        out += replacement;
        i = matched;
        replaced = true;
      } else {
        if (i < value.length) out += value[i];
        i++;
      }
    }
    return out;
  });
}
