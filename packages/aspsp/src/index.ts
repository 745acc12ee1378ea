export type { App, AppDeps } from './app.ts';
export { buildApp } from './app.ts';
export { SANDBOX_PERSONAS, type SandboxPersona } from './bank/sandbox/personas.ts';
export {
  POPULATION_LIMITS,
  type PopulationPlan,
  populatedSecret,
  populationPlan,
} from './bank/sandbox/population-seed.ts';
export { sandboxCoreBanking } from './bank/sandbox/sandbox-core-banking.ts';
export { sandboxStrongAuthentication } from './bank/sandbox/sandbox-strong-authentication.ts';
export type { Config } from './config.ts';
export { ConfigError, loadConfig } from './config.ts';
export type {
  AccountPosition,
  AccountStatus,
  CoreBanking,
  CurrentAccount,
  FundsCheckAccount,
  FundsCheckFacts,
  PsuProfile,
  Subscription,
} from './core/ports/core-banking.ts';
export { CoreBankingUnavailable } from './core/ports/core-banking.ts';
export type { CertificateRevocation, RevocationList } from './core/ports/revocation-list.ts';
export { REVOCATION_REASONS } from './core/ports/revocation-list.ts';
export type {
  KnowledgeFactor,
  ScaChallenge,
  StrongAuthentication,
} from './core/ports/strong-authentication.ts';
export type { TppIdentity } from './core/tpp/authorise-tpp.ts';
export type { ClientRegistration } from './core/tpp/client-registration.ts';
export type { TppLicence, TppRegistry } from './core/tpp/tpp-licence.ts';
export type { ServerState } from './data-dir.ts';
export { adminSecret, publishServerState, runningServer } from './data-dir.ts';
export { ApiError, Errors } from './http/api-error.ts';
export type { StetRouteOptions, TrustChain } from './http/trust-chain.ts';
export type { RunningServer } from './server.ts';
export { ServerStartError, type StartOptions, startServer } from './server.ts';
export { type BankKind, bankKindOf, recordBankKind, recordedBankKind } from './store/bank-kind.ts';
export { PopulationConflict, type PopulationCounts, populateLedger } from './store/ledger-population.ts';
export {
  type PopulatedAccount,
  type PopulatedCustomer,
  populatedCustomers,
} from './store/ledger-population-read.ts';
export type { PopulationTpp } from './store/ledger-population-sql.ts';
export type { Store, StoreOptions } from './store/open-store.ts';
export { configuredStore, openStore } from './store/open-store.ts';
export { sandboxRevocationRepository } from './store/sandbox-revocation-repository.ts';
export { tppRegistryRepository } from './store/tpp-registry-repository.ts';
export { loadBankSeal, loadTrustStore } from './trust/load-trust.ts';
export { qwacIdentity } from './trust/qwac-identity.ts';
export type { SandboxPki } from './trust/sandbox-pki.ts';
export { ensureSandboxPki, SANDBOX_BANK } from './trust/sandbox-pki.ts';
export { sandboxRevocationPointers } from './trust/sandbox-qtsp-routes.ts';
