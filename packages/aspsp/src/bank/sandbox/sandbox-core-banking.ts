import { normaliseIban, subtractMoney } from '@openstet/protocol';
import type { AccountPosition, CoreBanking, CurrentAccount } from '../../core/ports/core-banking.ts';
import { SANDBOX_PERSONAS, type SandboxAccount, type SandboxPersona } from './personas.ts';

/**
 * Online-banking ids are typed by people on the SCA page, so " d0999990i0 " finds Marc at 13807: both
 * sides are trimmed and upper-cased, and an id is looked up in its establishment only. The ids are not
 * secrets (the SMS code is the second factor).
 */
function onlineBankingKey(establishment: string, onlineBankingId: string): string {
  return `${establishment} ${onlineBankingId.trim().toUpperCase()}`;
}

interface Ledger {
  readonly current: CurrentAccount;
  readonly data: SandboxAccount;
  /** The holder's establishment: an account is found only there. */
  readonly establishment: string;
}

function ledgerEntries(persona: SandboxPersona): Array<[string, Ledger]> {
  return persona.accounts.map((data) => {
    const { iban, accountNumber, name, status } = data;
    const currency = data.accountingBalance.currency;
    const current = Object.freeze({
      iban,
      accountNumber,
      name,
      currency,
      status,
      psuId: persona.profile.psuId,
    });
    return [iban, { current, data, establishment: persona.profile.establishmentCode }];
  });
}

/** "Solde minute" = the booked balance minus the card payments not yet booked (seed funds-check rule). */
function position(data: SandboxAccount): AccountPosition {
  return Object.freeze({
    accountingBalance: data.accountingBalance,
    instantBalance: subtractMoney(data.accountingBalance, data.pendingCardDebits),
    authorisedOverdraft: data.authorisedOverdraft,
  });
}

/**
 * The built-in bank: the seed personas and their accounts, in memory and read-only. It behaves like a
 * connector to a real core banking system, Iris's outage included, so the API is tested as in production.
 */
export function sandboxCoreBanking(personas: readonly SandboxPersona[] = SANDBOX_PERSONAS): CoreBanking {
  const byOnlineBankingId = new Map(
    personas.map((p) => [onlineBankingKey(p.profile.establishmentCode, p.profile.onlineBankingId), p]),
  );
  const byPsuId = new Map(personas.map((p) => [p.profile.psuId, p]));
  const byIban = new Map(personas.flatMap(ledgerEntries));
  return {
    async findPsu(establishment, onlineBankingId) {
      return byOnlineBankingId.get(onlineBankingKey(establishment, onlineBankingId))?.profile;
    },
    async psuById(psuId) {
      return byPsuId.get(psuId)?.profile;
    },
    async currentAccounts(psuId) {
      const persona = byPsuId.get(psuId);
      return persona ? persona.accounts.map((data) => byIban.get(data.iban)!.current) : [];
    },
    async account(establishment, iban) {
      const entry = byIban.get(normaliseIban(iban));
      return entry?.establishment === establishment ? entry.current : undefined;
    },
    async position(iban) {
      const entry = byIban.get(normaliseIban(iban));
      if (!entry) throw new Error('position asked for an account the sandbox bank does not hold');
      // Pending forever without a timer, so it never keeps the process alive: only a timeout ends it.
      if (entry.data.positionNeverAnswers) return new Promise<never>(() => {});
      return position(entry.data);
    },
    // An id the bank does not know has no subscription: IPSU "numéro d'abonné non référencé" (seed).
    async subscription(psuId) {
      return byPsuId.get(psuId)?.subscription ?? 'terminated';
    },
  };
}
