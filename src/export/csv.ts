/**
 * The one CSV formatter of the project (RFC 4180, `\n` line ends): the CLI's
 * files and the web page's downloads both come from it, so they are byte-identical.
 * A field is quoted when it holds a comma, a quote or a line break.
 */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>, options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(formatField).join(',')).join('\n');
  return `${options.bom ? '\uFEFF' : ''}${body}${rows.length > 0 ? '\n' : ''}`;
}

function formatField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}
