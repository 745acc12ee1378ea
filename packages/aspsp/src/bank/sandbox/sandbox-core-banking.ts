import { normaliseIban } from '@openstet/protocol';
import { utcDate } from '../../core/accounts/calendar-day.ts';
import type { AccountEntry, EntryPageQuery } from '../../core/ports/account-information.ts';
import type { CoreBanking, CurrentAccount, FundsCheckFacts } from '../../core/ports/core-banking.ts';
import { accountHistory } from './account-history.ts';
import { entryPage } from './entry-page.ts';
import { mergedEntryPage } from './merged-entry-page.ts';
import { NEVER } from './never-answers.ts';
import type { PaymentOverlay } from './payment-overlay.ts';
import { SANDBOX_PERSONAS, type SandboxAccount, type SandboxPersona } from './personas.ts';
import { overlaidPosition, sandboxPayments } from './sandbox-payments.ts';

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
  readonly holder: SandboxPersona;
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
    return [iban, { current, data, holder: persona, establishment: persona.profile.establishmentCode }];
  });
}

/**
 * The built-in bank: the seed personas and their accounts, in memory and read-only, then `ledger` (the
 * populated sandbox ledger in the database, `openstet sandbox populate`) for every PSU and account the
 * personas do not have. It behaves like a connector to a real core banking system, Iris's outage included,
 * so the API is tested as in production. A funds check that finds both the PSU and the account among the
 * personas never reaches the ledger; it reads the payments made from the account (`overlay`, ADR 0007),
 * which every read of a persona's money sees: funds check, balances, entries.
 */
export function sandboxCoreBanking(
  personas: readonly SandboxPersona[] = SANDBOX_PERSONAS,
  ledger?: CoreBanking,
  now: () => Date = () => new Date(),
  overlay?: PaymentOverlay,
): CoreBanking {
  const byOnlineBankingId = new Map(
    personas.map((p) => [onlineBankingKey(p.profile.establishmentCode, p.profile.onlineBankingId), p]),
  );
  const byPsuId = new Map(personas.map((p) => [p.profile.psuId, p]));
  const byIban = new Map(personas.flatMap(ledgerEntries));
  // A persona account's history is generated once a day, not at every page an AISP reads.
  const histories = new Map<string, { readonly today: string; readonly entries: readonly AccountEntry[] }>();
  const historyOf = (entry: Ledger): readonly AccountEntry[] => {
    const today = utcDate(now());
    const kept = histories.get(entry.current.iban);
    if (kept?.today === today) return kept.entries;
    const entries = accountHistory(entry.holder, entry.data, today);
    histories.set(entry.current.iban, { today, entries });
    return entries;
  };
  const accountAt = (establishment: string, iban: string): Ledger | undefined => {
    const entry = byIban.get(normaliseIban(iban));
    return entry?.establishment === establishment ? entry : undefined;
  };
  const positionOf = async (entry: Ledger) =>
    overlaidPosition(entry.data, await overlay?.totals(entry.current.iban));
  const entriesOf = async (entry: Ledger, query: EntryPageQuery) => {
    const generated = entryPage(historyOf(entry), query);
    if (!overlay) return generated;
    const paid = await overlay.entries(entry.current.iban, query.from);
    return mergedEntryPage(generated, entryPage(paid, query), query);
  };
  return {
    ...sandboxPayments((establishment, iban) => accountAt(establishment, iban)?.data, overlay, ledger, now),
    async findPsu(establishment, onlineBankingId) {
      const persona = byOnlineBankingId.get(onlineBankingKey(establishment, onlineBankingId));
      return persona ? persona.profile : ledger?.findPsu(establishment, onlineBankingId);
    },
    async psuById(psuId) {
      const persona = byPsuId.get(psuId);
      return persona ? persona.profile : ledger?.psuById(psuId);
    },
    async currentAccounts(psuId) {
      const persona = byPsuId.get(psuId);
      if (persona) return persona.accounts.map((data) => byIban.get(data.iban)!.current);
      return ledger ? ledger.currentAccounts(psuId) : [];
    },
    async fundsCheck(establishment, psuId, iban): Promise<FundsCheckFacts> {
      const persona = byPsuId.get(psuId);
      const entry = accountAt(establishment, iban);
      // Iris: the core banking system holding her account never answers (the API's deadline: 503 INTS).
      if (entry?.data.positionNeverAnswers) return NEVER;
      const stored = persona && entry ? undefined : await ledger?.fundsCheck(establishment, psuId, iban);
      return Object.freeze({
        // A PSU the bank does not know has no subscription: IPSU "numéro d'abonné non référencé" (seed).
        subscription: persona?.subscription ?? stored?.subscription ?? 'terminated',
        account: entry
          ? Object.freeze({ ...entry.current, position: await positionOf(entry) })
          : stored?.account,
      });
    },
    async balances(iban) {
      const entry = byIban.get(normaliseIban(iban));
      if (entry?.data.positionNeverAnswers) return NEVER;
      return entry ? positionOf(entry) : ledger?.balances(iban);
    },
    async entries(query) {
      const entry = byIban.get(normaliseIban(query.iban));
      if (entry?.data.positionNeverAnswers) return NEVER;
      if (!entry) return ledger ? ledger.entries(query) : { entries: [], lastReference: 0 };
      return entriesOf(entry, query);
    },
    async trustedBeneficiaries(psuId) {
      const persona = byPsuId.get(psuId);
      if (persona) return persona.beneficiaries;
      return ledger ? ledger.trustedBeneficiaries(psuId) : [];
    },
  };
}
