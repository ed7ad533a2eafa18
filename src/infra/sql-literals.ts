// SQL text as a span may carry it: the ORM inlines values into the statements it sends
// (emails, password hashes, token hashes, mail bodies), so every literal becomes `?`, as the
// OpenTelemetry database conventions ask. Identifiers ("quoted" ones too), keywords, operators
// and `$1` placeholders stay: the shape of the statement is what a trace is read for.

/** Single-quoted strings (with '' inside, and the E'' / U&'' prefixes), and numbers. */
const LITERALS = /(?:\b[EeUu]&?)?'(?:[^']|'')*'|(?<![\w$."])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b/g;

/** Dollar-quoted strings ($$…$$, $tag$…$tag$): bodies of functions and DO blocks. */
const DOLLAR_QUOTED = /\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g;

export function withoutSqlLiterals(sql: string): string {
  return sql.replace(DOLLAR_QUOTED, '?').replace(LITERALS, '?');
}
