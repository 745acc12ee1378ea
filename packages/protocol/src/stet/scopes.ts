/**
 * The OAuth2 scopes of STET (1.4.0.47 `securityDefinitions`; 1.4.2 renames `piisp` to `cbpii`). openstet
 * takes `piisp` and `cbpii` as one role on both versions: either token works on either path.
 */
export const STET_SCOPES = ['aisp', 'extended_transaction_history', 'piisp', 'cbpii', 'pisp'] as const;
export type StetScope = (typeof STET_SCOPES)[number];

/** The scope texts of the STET `securityDefinitions`. */
export const STET_SCOPE_DESCRIPTIONS: Readonly<Record<StetScope, string>> = Object.freeze({
  aisp: "Access by an AISP to one given PSU's account",
  extended_transaction_history: 'Access by an AISP to a transaction history over more than the 90 last days',
  piisp:
    "Access by a PIISP to one given PSU's account to check payment coverage (STET 1.4.0.47 name of cbpii)",
  cbpii: "Access by a CBPII to one given PSU's account to check payment coverage",
  pisp: 'Access by a PISP to payments resources',
});

export function isStetScope(value: string): value is StetScope {
  return (STET_SCOPES as readonly string[]).includes(value);
}
