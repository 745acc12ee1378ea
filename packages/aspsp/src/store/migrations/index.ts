import type { Migration, MigrationProvider } from 'kysely/migration';
import * as tppTrust from './001-tpp-trust.ts';
import * as authorization from './002-authorization.ts';
import * as audit from './003-audit.ts';
import * as scaAttempts from './004-sca-attempts.ts';
import * as purgeIndexes from './005-purge-indexes.ts';
import * as sandboxRevocations from './006-sandbox-revocations.ts';
import { establishments } from './007-establishments.ts';
import * as sandboxLedger from './008-sandbox-ledger.ts';
import * as accountInformation from './009-account-information.ts';
import * as paymentRequests from './010-payment-requests.ts';
import * as paymentApprovalSessions from './011-payment-approval-sessions.ts';

/**
 * Every migration, in order; bundled in code so the server needs no migration folder at run time.
 * `defaultEstablishment` is the establishment that rows written before migration 007 belong to.
 */
export function migrationProvider(defaultEstablishment: string): MigrationProvider {
  const migrations: Readonly<Record<string, Migration>> = Object.freeze({
    '001-tpp-trust': tppTrust,
    '002-authorization': authorization,
    '003-audit': audit,
    '004-sca-attempts': scaAttempts,
    '005-purge-indexes': purgeIndexes,
    '006-sandbox-revocations': sandboxRevocations,
    '007-establishments': establishments(defaultEstablishment),
    '008-sandbox-ledger': sandboxLedger,
    '009-account-information': accountInformation,
    '010-payment-requests': paymentRequests,
    '011-payment-approval-sessions': paymentApprovalSessions,
  });
  return { getMigrations: async () => ({ ...migrations }) };
}
