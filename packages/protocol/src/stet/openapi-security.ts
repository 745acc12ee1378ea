import type { StetOperation } from './operation.ts';
import { STET_SCOPE_DESCRIPTIONS, type StetScope } from './scopes.ts';

export interface SecurityUrls {
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
}

const CLIENT_ID =
  'client_id is the organizationIdentifier of the eIDAS certificate of the TPP (STET Part I §3.4, ETSI TS 119 495 §5.2.1); tokens are bound to the QWAC (RFC 8705).';

const scopes = (names: readonly StetScope[]) =>
  Object.fromEntries(names.map((name) => [name, STET_SCOPE_DESCRIPTIONS[name]]));

/**
 * The security schemes of the bank: STET's `accessCode` (authorization code with redirect SCA) and
 * `clientCredentials`, named as the Swagger names them, and the eIDAS QWAC mutual TLS every call needs
 * (STET Part I §3.2). STET's `resourceOwnerIdentification` (password grant) is not offered.
 */
export function securitySchemes(urls: SecurityUrls) {
  return {
    accessCode: {
      type: 'oauth2',
      description: `Authorization code grant: the PSU authenticates and consents at the bank (redirect SCA). ${CLIENT_ID}`,
      flows: {
        authorizationCode: {
          authorizationUrl: urls.authorizationUrl,
          tokenUrl: urls.tokenUrl,
          refreshUrl: urls.tokenUrl,
          scopes: scopes(['aisp', 'extended_transaction_history', 'cbpii', 'piisp', 'pisp']),
        },
      },
    },
    clientCredentials: {
      type: 'oauth2',
      description: `Client credentials grant: a token of the TPP itself, without PSU. ${CLIENT_ID}`,
      flows: { clientCredentials: { tokenUrl: urls.tokenUrl, scopes: scopes(['pisp', 'cbpii', 'piisp']) } },
    },
    mutualTLS: {
      type: 'mutualTLS',
      description:
        'TLS client authentication with the eIDAS QWAC of the TPP, carrying its PSD2 roles (ETSI TS 119 495)',
    },
  };
}

/** One alternative per (flow, scope): the token may carry any one of the operation's scopes, over mTLS. */
export function operationSecurity(operation: StetOperation) {
  const scheme = { authorizationCode: 'accessCode', clientCredentials: 'clientCredentials' } as const;
  return operation.flows.flatMap((flow) =>
    operation.scopes.map((scope) => ({ mutualTLS: [], [scheme[flow]]: [scope] })),
  );
}
