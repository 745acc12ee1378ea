import { type CoreBanking, CoreBankingUnavailable } from './core-banking.ts';

/**
 * Bounds every connector call to `ms` milliseconds: a call that rejects, throws or answers late rejects with
 * `CoreBankingUnavailable`, which the API answers as 503 INTS (seed error codes). The message names only the
 * operation, so nothing of the core banking system reaches a TPP; the original error stays as `cause`.
 * The timer is cleared as soon as the call settles, so a fast answer leaves nothing behind.
 */
export function withTimeout(coreBanking: CoreBanking, ms: number): CoreBanking {
  const bounded = <T>(operation: string, call: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new CoreBankingUnavailable(`core banking did not answer ${operation} within ${ms} ms`)),
        ms,
      );
      void Promise.resolve()
        .then(call)
        .then(resolve, (cause: unknown) =>
          reject(new CoreBankingUnavailable(`core banking failed to answer ${operation}`, { cause })),
        )
        .finally(() => clearTimeout(timer));
    });
  return {
    findPsu: (onlineBankingId) => bounded('findPsu', () => coreBanking.findPsu(onlineBankingId)),
    psuById: (psuId) => bounded('psuById', () => coreBanking.psuById(psuId)),
    currentAccounts: (psuId) => bounded('currentAccounts', () => coreBanking.currentAccounts(psuId)),
    account: (iban) => bounded('account', () => coreBanking.account(iban)),
    position: (iban) => bounded('position', () => coreBanking.position(iban)),
    subscription: (psuId) => bounded('subscription', () => coreBanking.subscription(psuId)),
  };
}
