import { SANDBOX_PERSONAS } from '@openstet/aspsp';
import { UsageError } from './exit-codes.ts';

export interface SandboxPersona {
  readonly onlineBankingId: string;
  /** Sent only when the sandbox runs the knowledge step (`OPENSTET_SCA_KNOWLEDGE_STEP=true`). */
  readonly password: string | undefined;
}

/** `Tech’n Co` → `techn-co`: what a person types after --persona. */
const nameOf = (persona: string) => persona.toLowerCase().replace(/['’]/g, '').replace(/\s+/g, '-');

/** The sandbox personas (README "The sandbox bank: personas", from the BPCE portal) by first name. */
export const PERSONAS: Readonly<Record<string, SandboxPersona>> = Object.freeze(
  Object.fromEntries(
    SANDBOX_PERSONAS.map((entry) => [
      nameOf(entry.persona),
      Object.freeze({ onlineBankingId: entry.profile.onlineBankingId, password: entry.password }),
    ]),
  ),
);

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
