import type { Paint } from '../output.ts';
import type { Answer } from './answers.ts';
import type { DemoCase } from './cases.ts';

export interface CaseResult extends Answer {
  readonly version: DemoCase['version'];
  readonly name: string;
  readonly asked: string;
  readonly expected: string;
  readonly ok: boolean;
}

const HEADINGS = ['', 'STET', 'case', 'asked', 'expected', 'the bank answered'] as const;

/** The table of what was asked and what the bank answered, with the bank's message under each refusal. */
export function renderTable(results: readonly CaseResult[], paint: Paint): string {
  const rows = results.map((result) => [
    result.ok ? '✔' : '✘',
    result.version,
    result.name,
    result.asked,
    result.expected,
    result.answer,
  ]);
  const widths = HEADINGS.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [paint.bold(line(HEADINGS)), paint.dim(line(widths.map((width) => '─'.repeat(width))))];
  // Under the case's name: the bank's message, then what it showed (a line each).
  const indent = ' '.repeat((widths[0] ?? 1) + 2 + (widths[1] ?? 0) + 2);
  results.forEach((result, index) => {
    const text = line(rows[index] ?? []);
    lines.push(result.ok ? text.replace('✔', paint.green('✔')) : paint.red(text));
    if (result.message) {
      const request = result.ok ? '' : ` (X-Request-ID ${result.requestId ?? 'none'})`;
      lines.push(paint.dim(`${indent}↳ ${result.message}${request}`));
    }
    for (const detail of result.details ?? []) lines.push(paint.dim(`${indent}  ${detail}`));
  });
  return `${lines.join('\n')}\n`;
}
