import type { RevocationReason } from '@openstet/protocol';
import type { ColumnType, Generated } from 'kysely';
import type { InformationAccess } from '../core/consent/consent.ts';
import type { ConsentRole, Scope } from '../core/consent/scopes.ts';
import type { PaymentStatus, RejectionReason } from '../core/payments/payment-request.ts';
import type { AccountStatus, Subscription } from '../core/ports/core-banking.ts';
import type { ScaStep } from '../core/sca/sca-session.ts';

/*
 * The tables as TypeScript sees them: camelCase names, which the CamelCasePlugin (open-store.ts) turns
 * into the snake_case names of the migrations, in both directions. Raw `sql` text is not translated: it
 * names the real snake_case tables and columns.
 *
 * Text columns holding a closed set (role, scopes, step, reason) carry the domain's type: only the
 * repositories write them, from domain values.
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `text[]`: read as a fresh array, written from the domain's readonly ones. */
type TextArray<T extends string = string> = ColumnType<T[], readonly T[], readonly T[]>;

/** The register of licensed TPPs (the REGAFI / EBA register role). */
export interface TppRegistryTable {
  organizationId: string;
  name: string;
  ncaName: string;
  ncaId: string;
  roles: TextArray;
  status: 'licensed' | 'withdrawn';
  updatedAt: Timestamp;
}

/** TPP registrations made through `POST /register` (RFC 7591 style). */
export interface ClientTable {
  clientId: string;
  clientName: string;
  redirectUris: TextArray;
  signingCertificate: string;
  signingCertificateUrl: string | null;
  requirePkce: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ConsentTable {
  id: string;
  psuId: string;
  /** The establishment (`cdetab`): migration 007. */
  establishment: string;
  clientId: string;
  role: ConsentRole;
  scopes: TextArray<Scope>;
  accounts: TextArray;
  scaAt: Timestamp;
  createdAt: Timestamp;
  revokedAt: Timestamp | null;
  /** What the AISP forwarded with `PUT /consents` (jsonb, migration 009). */
  access: ColumnType<InformationAccess | null, string | null | undefined, string | null>;
}

export interface ScaSessionTable {
  id: string;
  cookieHash: string;
  csrfHash: string;
  clientId: string;
  establishment: string;
  redirectUri: string;
  scopes: TextArray<Scope>;
  state: string | null;
  codeChallenge: string | null;
  step: ScaStep;
  psuId: string | null;
  failures: Generated<number>;
  otpDestination: string | null;
  lastActivityAt: Timestamp;
  createdAt: Generated<Date>;
  paymentRequestId: string | null;
  paymentBinding: string | null;
  exempted: Generated<boolean>;
}

export interface AuthorizationCodeTable {
  codeHash: string;
  establishment: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  consentId: string;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  replayedAt: Timestamp | null;
}

export interface TokenPairTable {
  id: string;
  accessHash: string;
  refreshHash: string | null;
  clientId: string;
  establishment: string;
  role: ConsentRole;
  scopes: TextArray<Scope>;
  psuId: string | null;
  consentId: string | null;
  accounts: TextArray;
  codeHash: string | null;
  certificateThumbprint: string;
  accessExpiresAt: Timestamp;
  refreshExpiresAt: Timestamp | null;
  createdAt: Generated<Date>;
  revokedAt: Timestamp | null;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: Timestamp;
  requestId: string;
  clientId: string | null;
  psuId: string | null;
  method: string;
  path: string;
  status: number;
  error: string | null;
  latencyMs: number;
}

export interface ScaAttemptTable {
  psuId: string;
  failures: number;
  lockedUntil: Timestamp | null;
}

/** Revocations by the sandbox's test QTSP CA (its CRL and OCSP answers). */
export interface SandboxRevocationTable {
  serialNumber: string;
  revokedAt: Timestamp;
  reason: RevocationReason;
}

/** Which kind of bank first opened the database (migration 008): one row. */
export interface BankKindTable {
  single: Generated<boolean>;
  kind: 'sandbox' | 'production';
  recordedAt: Timestamp;
}

/**
 * `bigint` minor units (@openstet/protocol `Money`): node-postgres reads them as text, PGlite as a number
 * (or a bigint past 2^53); `BigInt()` reads all three.
 */
type MinorUnits = ColumnType<string | number | bigint, bigint, bigint>;

/** One `openstet sandbox populate` run: a seed's customers at one establishment (migration 008). */
export interface SandboxPopulationTable {
  id: string;
  establishment: string;
  customers: number;
  accountsPerCustomer: number;
  branch: string;
  accountPrefix: string;
  clientId: string | null;
  createdAt: Timestamp;
}

/** The sandbox ledger's customers, after the in-memory personas (migration 008). */
export interface SandboxCustomerTable {
  psuId: string;
  establishment: string;
  onlineBankingId: string;
  firstName: string;
  lastName: string;
  segment: string;
  subscription: Subscription;
  populationId: string;
  ordinal: number;
}

/** The sandbox ledger's current accounts; money in minor units of `currency` (migration 008). */
export interface SandboxAccountTable {
  iban: string;
  psuId: string;
  accountNumber: string;
  name: string;
  currency: string;
  status: AccountStatus;
  accountingBalance: MinorUnits;
  pendingCardDebits: MinorUnits;
  authorisedOverdraft: MinorUnits;
  /** The highest `entry_reference` of the account's entries, 0 without any (migration 009). */
  lastEntryReference: ColumnType<string | number | bigint, bigint | undefined, bigint>;
}

/** A date column (`YYYY-MM-DD`): node-postgres and PGlite read it as a `Date` at UTC midnight unless told. */
type DateColumn = ColumnType<Date | string, string, string>;

/** One entry of a populated sandbox account (migration 009); `amount` is positive, minor units. */
export interface SandboxEntryTable {
  iban: string;
  entryReference: ColumnType<string | number | bigint, bigint, bigint>;
  status: 'booked' | 'pending';
  entryDate: DateColumn;
  valueDate: DateColumn | null;
  transactionDate: DateColumn | null;
  amount: MinorUnits;
  direction: 'credit' | 'debit';
  kind: string;
  label: string;
}

/** A secret the bank draws once and every node shares (migration 009). */
export interface BankKeyTable {
  name: string;
  key: Buffer | Uint8Array;
  createdAt: Timestamp;
}

/** An AISP read without the PSU, counted over 24 hours (RTS Art. 36(5)(b), migration 009). */
export interface UnattendedReadTable {
  id: Generated<string>;
  clientId: string;
  subject: string;
  readKind: string;
  readAt: Timestamp;
}

/** jsonb written as JSON text by the repository and read back parsed by both drivers. */
type Json<Read, Nullable extends null = never> = ColumnType<
  Read | Nullable,
  string | Nullable,
  string | Nullable
>;

/**
 * A payment request (migration 010): the instructions, approval and modification as JSON whose money is
 * minor units in text (`payment-request-json.ts`); `wake_on` is the scheduler's next day for it.
 */
export interface PaymentRequestTable {
  id: string;
  establishment: string;
  clientId: string;
  paymentInformationId: string;
  createdAt: Timestamp;
  instant: boolean;
  requestedDebtorIban: string | null;
  successUrl: string;
  failureUrl: string;
  exemptionRequested: boolean;
  status: PaymentStatus;
  reason: RejectionReason | null;
  approvalDeadline: Timestamp;
  approval: Json<unknown, null>;
  confirmedAt: Timestamp | null;
  modification: Json<unknown, null>;
  instructions: Json<unknown>;
  document: Json<unknown>;
  revision: number;
  wakeOn: ColumnType<Date | string | null, string | null, string | null>;
}

/** The initiator's `paymentInformationId`, claimed for 24 hours (migration 010). */
export interface PaymentReferenceTable {
  establishment: string;
  clientId: string;
  paymentInformationId: string;
  requestId: string;
  createdAt: Timestamp;
}

/** Where a sandbox order stands in the books. */
export type SandboxOrderStatus = 'pending' | 'booked' | 'cancelled';

/** A payment's debit on an in-memory sandbox account: the overlay of ADR 0007 (migration 010). */
export interface SandboxPaymentEntryTable {
  orderId: string;
  iban: string;
  entryReference: ColumnType<string | number | bigint, bigint, bigint>;
  status: SandboxOrderStatus;
  entryDate: DateColumn;
  amount: MinorUnits;
  currency: string;
  label: string;
  creditorName: string;
  creditorIban: string;
  instant: boolean;
  createdAt: Timestamp;
  bookedAt: Timestamp | null;
}

/** A payment executed on a populated ledger account: its `sandbox_entries` row (migration 010). */
export interface SandboxLedgerOrderTable {
  orderId: string;
  iban: string;
  entryReference: ColumnType<string | number | bigint, bigint, bigint>;
  amount: MinorUnits;
  status: SandboxOrderStatus;
  createdAt: Timestamp;
  bookedAt: Timestamp | null;
}

export interface Database {
  tppRegistry: TppRegistryTable;
  clients: ClientTable;
  consents: ConsentTable;
  scaSessions: ScaSessionTable;
  authorizationCodes: AuthorizationCodeTable;
  tokenPairs: TokenPairTable;
  auditEvents: AuditEventTable;
  scaAttempts: ScaAttemptTable;
  sandboxRevocations: SandboxRevocationTable;
  bankKind: BankKindTable;
  sandboxPopulations: SandboxPopulationTable;
  sandboxCustomers: SandboxCustomerTable;
  sandboxAccounts: SandboxAccountTable;
  sandboxEntries: SandboxEntryTable;
  bankKeys: BankKeyTable;
  unattendedReads: UnattendedReadTable;
  paymentRequests: PaymentRequestTable;
  paymentReferences: PaymentReferenceTable;
  sandboxPaymentEntries: SandboxPaymentEntryTable;
  sandboxLedgerOrders: SandboxLedgerOrderTable;
}
