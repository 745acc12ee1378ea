import { type Psd2Role, STET_SCOPES, type StetScope } from '@openstet/protocol';

/**
 * OAuth2 scopes of STET (1.4.0.47 `securityDefinitions`; 1.4.2 renames `piisp` to `cbpii`). Each scope
 * belongs to one consent role; a token pair is issued per (PSU, TPP, role) (seed, "Rafraîchir votre
 * jeton": "au plus un jeton ... par triplet client(PSU)/TPP/rôle AISP ou CBPII").
 */
export const SCOPES = STET_SCOPES;
export type Scope = StetScope;
export type ConsentRole = 'aisp' | 'cbpii' | 'pisp';

const ROLE_OF: Readonly<Record<Scope, ConsentRole>> = {
  aisp: 'aisp',
  extended_transaction_history: 'aisp',
  piisp: 'cbpii',
  cbpii: 'cbpii',
  pisp: 'pisp',
};

/** The eIDAS role a TPP needs for each consent role (ETSI TS 119 495 §5.1; RTS Art. 34(3)). */
export const LICENCE_ROLE: Readonly<Record<ConsentRole, Psd2Role>> = {
  aisp: 'PSP_AI',
  cbpii: 'PSP_IC',
  pisp: 'PSP_PI',
};

export type ScopeRequest =
  | { readonly ok: true; readonly scopes: readonly Scope[]; readonly role: ConsentRole }
  | { readonly ok: false; readonly description: string };

function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Parses a space-separated `scope` (RFC 6749 §3.3: order irrelevant, duplicates ignored). */
export function parseScopes(text: string | undefined): ScopeRequest {
  const requested = [...new Set((text ?? '').split(' ').filter((scope) => scope !== ''))];
  if (requested.length === 0)
    return { ok: false, description: 'scope is required: aisp or cbpii (piisp on STET 1.4.0.47)' };
  const unknown = requested.find((scope) => !isScope(scope));
  if (unknown !== undefined) return { ok: false, description: `Unknown scope "${unknown.slice(0, 40)}"` };
  const scopes = requested.filter(isScope);
  const roles = new Set(scopes.map((scope) => ROLE_OF[scope]));
  if (roles.size > 1)
    return { ok: false, description: 'Request the scopes of one role at a time (aisp or cbpii)' };
  if (scopes.includes('extended_transaction_history') && !scopes.includes('aisp')) {
    return { ok: false, description: 'extended_transaction_history goes with aisp' };
  }
  return { ok: true, scopes, role: ROLE_OF[scopes[0] as Scope] };
}

export function roleOfScope(scope: Scope): ConsentRole {
  return ROLE_OF[scope];
}
