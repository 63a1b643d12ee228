/**
 * C printf conversions shared by `printf` and awk's printf/sprintf: padding with the - 0 + space #
 * flags, integers (with C's unsigned wrap for %u/%x/%o of negatives) and %f %e %g with C's
 * two-digit exponents.
 *
 * @module
 */

export function pad(body: string, flags: string, width: number, numeric: boolean): string {
  if (body.length >= width) return body;
  if (flags.includes("-")) return body + " ".repeat(width - body.length);
  if (numeric && flags.includes("0")) {
    const sign = /^[-+ ]|^0[xX]/.exec(body)?.[0] ?? "";
    return sign + "0".repeat(width - body.length) + body.slice(sign.length);
  }
  return " ".repeat(width - body.length) + body;
}

export function formatFloat(n: number, conv: string, precision: number | undefined, flags: string) {
  const p = precision ?? 6;
  let body: string;
  if (!Number.isFinite(n)) body = Number.isNaN(n) ? "nan" : n > 0 ? "inf" : "-inf";
  else if (conv === "f" || conv === "F") body = n.toFixed(p);
  else if (conv === "e" || conv === "E") body = cExponent(n.toExponential(p));
  else {
    const P = p === 0 ? 1 : p;
    const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(n.toPrecision(P)))));
    if (exp < -4 || exp >= P) body = cExponent(n.toExponential(P - 1));
    else body = n.toFixed(Math.max(0, P - 1 - exp));
    if (!flags.includes("#") && body.includes(".")) {
      body = body.replace(/\.?0+(e|$)/, "$1");
    }
  }
  if (conv === "E" || conv === "G") body = body.toUpperCase();
  if (n >= 0 && flags.includes("+")) body = "+" + body;
  else if (n >= 0 && flags.includes(" ")) body = " " + body;
  return body;
}

/** JS writes 1.2e+3; C writes 1.2e+03. */
function cExponent(text: string): string {
  return text.replace(/e([-+])(\d)$/, "e$10$2");
}

export function formatInteger(
  n: bigint,
  conv: string,
  precision: number | undefined,
  flags: string,
) {
  let value = n;
  if ((conv === "u" || conv === "x" || conv === "X" || conv === "o") && value < 0n) {
    value += 1n << 64n;
  }
  const radix = conv === "x" || conv === "X" ? 16 : conv === "o" ? 8 : 10;
  let digits = (value < 0n ? -value : value).toString(radix);
  if (precision !== undefined) {
    digits = precision === 0 && value === 0n ? "" : digits.padStart(precision, "0");
  }
  if (flags.includes("#") && value !== 0n) {
    if (radix === 16) digits = "0x" + digits;
    if (radix === 8 && !digits.startsWith("0")) digits = "0" + digits;
  }
  if (conv === "X") digits = digits.toUpperCase();
  let sign = value < 0n ? "-" : "";
  if (!sign && (conv === "d" || conv === "i")) {
    sign = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  }
  return sign + digits;
}
