/**
 * Terminal output: colour and symbols only when the stream is a terminal (and NO_COLOR is not set), so
 * pipes, files and CI logs get plain text.
 */
export interface Paint {
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const plain = (text: string) => text;
const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function isInteractive(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

export function paintFor(stream: NodeJS.WriteStream): Paint {
  if (!isInteractive(stream)) return { green: plain, red: plain, yellow: plain, dim: plain, bold: plain };
  return { green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
}

/** A plain-text table: a header row, then rows, columns padded to their widest cell (right-aligned when numeric). */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => /^-?[\d.]+$/.test(row[column] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[line(headers), ...rows.map(line)].join('\n')}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A token shown to a human: enough to tell two apart, never enough to use (6 characters of 256 bits). */
export function tokenPrefix(token: string | undefined): string | undefined {
  return token === undefined ? undefined : `${token.slice(0, 6)}…`;
}

/** `2025-06-01 14:03:12 (in 59 min)` in local time. */
export function describeExpiry(expiresAt: number, now = Date.now()): string {
  const date = new Date(expiresAt);
  const pad = (value: number) => String(value).padStart(2, '0');
  const local = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const minutes = Math.round((expiresAt - now) / 60_000);
  return minutes >= 0 ? `${local} (in ${minutes} min)` : `${local} (expired ${-minutes} min ago)`;
}
