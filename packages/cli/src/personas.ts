import { UsageError } from './exit-codes.ts';

/** The sandbox personas (README "The sandbox bank: personas", from the BPCE portal) by first name. */
export const PERSONAS: Readonly<Record<string, string>> = Object.freeze({
  marc: 'D0999990I0',
  marie: 'D0999991I0',
  thomas: 'D0999980',
  alix: 'D0999992I0',
  'techn-co': 'D0999993I0',
  adam: 'D0999994I0',
  lea: '755238649',
  hugo: 'D0999995I0',
  iris: 'D0999996I0',
});

/** `--persona`: a persona's name (any case) or an online-banking id such as `D0999990I0`. */
export function persona(value: string): string {
  const known = PERSONAS[value.trim().toLowerCase()];
  if (known) return known;
  // Online-banking ids are letters and digits with at least one digit; names have none.
  if (/^(?=.*\d)[A-Za-z0-9]{4,32}$/.test(value.trim())) return value.trim().toUpperCase();
  throw new UsageError(
    `--persona "${value}" is neither a persona (${Object.keys(PERSONAS).join(', ')}) nor an online-banking id such as D0999990I0`,
  );
}
