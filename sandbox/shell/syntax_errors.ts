/**
 * Rewords mvdan-sh's syntax errors the way busybox ash reports them, so scripts and users see
 * the familiar `sh: syntax error: unexpected end of file (expecting "fi")`.
 *
 * @module
 */

/** ash's wording for a mvdan-sh syntax error text; unknown texts pass through unchanged. */
export function ashSyntaxMessage(text: string, incomplete: boolean): string {
  if (text.startsWith("reached EOF without closing quote")) return "unterminated quoted string";
  const matching = text.match(/^reached EOF without matching \S+ with (\S+)$/);
  if (matching) return `unexpected end of file (expecting "${matching[1]}")`;
  const statement = text.match(/^\w+ statement must end with "(\w+)"$/);
  if (statement) return `unexpected end of file (expecting "${statement[1]}")`;
  if (text.startsWith('"foo(" must be followed by )')) {
    return 'unexpected end of file (expecting ")")';
  }
  if (text.startsWith('"for foo" must be followed by')) {
    return 'unexpected end of file (expecting "do")';
  }
  if (text.endsWith("must be followed by an expression")) return "arithmetic syntax error";
  if (incomplete && text.endsWith("must be followed by a statement")) {
    return "unexpected end of file";
  }
  const keyword = text.match(/^"(\w+)" can only be used/);
  if (keyword) return `unexpected "${keyword[1]}"`;
  const token = text.match(/^a command can only contain words and redirects; encountered (\S+)$/);
  if (token) return `unexpected "${token[1]}"`;
  return text;
}
