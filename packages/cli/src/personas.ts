import { UsageError } from './exit-codes.ts';

export interface SandboxPersona {
  readonly onlineBankingId: string;
  /** Sent only when the sandbox runs the knowledge step (`OPENSTET_SCA_KNOWLEDGE_STEP=true`). */
  readonly password: string | undefined;
}

/** A persona's knowledge-step password, as the README's personas table gives it: `<Name>#13807`. */
const known = (onlineBankingId: string, name: string): SandboxPersona =>
  Object.freeze({ onlineBankingId, password: `${name}#13807` });

/** The sandbox personas (README "The sandbox bank: personas", from the BPCE portal) by first name. */
export const PERSONAS: Readonly<Record<string, SandboxPersona>> = Object.freeze({
  marc: known('D0999990I0', 'Marc'),
  marie: known('D0999991I0', 'Marie'),
  thomas: known('D0999980', 'Thomas'),
  alix: known('D0999992I0', 'Alix'),
  'techn-co': known('D0999993I0', 'TechnCo'),
  adam: known('D0999994I0', 'Adam'),
  lea: known('755238649', 'Lea'),
  hugo: known('D0999995I0', 'Hugo'),
  iris: known('D0999996I0', 'Iris'),
});

/**
 * `--persona`: a persona's name (any case) or an online-banking id such as `D0999990I0`; a persona's
 * own id brings its password too, and `--password` overrides it.
 */
export function persona(value: string, password?: string): SandboxPersona {
  const text = value.trim();
  const byName = PERSONAS[text.toLowerCase()];
  const byId = Object.values(PERSONAS).find((entry) => entry.onlineBankingId === text.toUpperCase());
  const found = byName ?? byId;
  if (found) return password === undefined ? found : { ...found, password };
  // Online-banking ids are letters and digits with at least one digit; names have none.
  if (/^(?=.*\d)[A-Za-z0-9]{4,32}$/.test(text)) return { onlineBankingId: text.toUpperCase(), password };
  throw new UsageError(
    `--persona "${value}" is neither a persona (${Object.keys(PERSONAS).join(', ')}) nor an online-banking id such as D0999990I0`,
  );
}
