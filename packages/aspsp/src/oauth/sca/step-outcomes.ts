import type { ScaDeps } from './sca-deps.ts';
import type { ScaContext } from './session-context.ts';
import { field } from './session-context.ts';
import type { StepView } from './step-pages.ts';

/** "Annuler" (`action=deny`) on the login or SMS step. */
export const CANCELLED = {
  error: 'access_denied',
  description: 'The customer cancelled at the bank',
} as const;

/** "Refuser" on the consent step. */
export const REFUSED = { error: 'access_denied', description: 'The customer refused the consent' } as const;

/** The bank's systems did not answer: the TPP gets the customer back with an error it can retry on. */
export const UNAVAILABLE = {
  error: 'temporarily_unavailable',
  description: "The bank's systems did not answer: try again later",
} as const;

/** What every step page shows: the session, its CSRF token, the language and the TPP's name. */
export async function stepView(deps: ScaDeps, context: ScaContext, error?: string): Promise<StepView> {
  // The name from the register of licensed TPPs, not the self-declared client_name (the PSU trusts it).
  const licence = await deps.licence(context.session.clientId);
  return {
    session: context.session,
    csrf: field(context.form, 'csrf') ?? '',
    locale: context.locale,
    clientName: licence?.name ?? context.session.clientId,
    ...(error ? { error } : {}),
  };
}
