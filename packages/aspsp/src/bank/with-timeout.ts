import { performance } from 'node:perf_hooks';
import { type CoreBanking, CoreBankingUnavailable } from '../core/ports/core-banking.ts';
import type { StrongAuthentication } from '../core/ports/strong-authentication.ts';

/**
 * One call bounded to `ms` (what is left of the budget `of`): late, rejected or thrown answers become
 * `CoreBankingUnavailable`.
 */
function bounded<T>(
  system: string,
  operation: string,
  ms: number,
  call: () => Promise<T>,
  of = `${ms} ms`,
): Promise<T> {
  const late = () => new CoreBankingUnavailable(`${system} did not answer ${operation} within ${of}`);
  if (ms <= 0) return Promise.reject(late());
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(late()), ms);
    void Promise.resolve()
      .then(call)
      .then(resolve, (cause: unknown) =>
        reject(new CoreBankingUnavailable(`${system} failed to answer ${operation}`, { cause })),
      )
      .finally(() => clearTimeout(timer));
  });
}

/**
 * Bounds every connector call to `ms` milliseconds: a call that rejects, throws or answers late rejects with
 * `CoreBankingUnavailable`, which the API answers as 503 INTS (seed error codes). The message names only the
 * operation, so nothing of the core banking system reaches a TPP; the original error stays as `cause`.
 * The timer is cleared as soon as the call settles, so a fast answer leaves nothing behind.
 */
export function withTimeout(coreBanking: CoreBanking, ms: number): CoreBanking {
  return boundedConnector(coreBanking, (operation, run) => bounded('core banking', operation, ms, run));
}

/**
 * One API request's connector: all its calls share one budget of `ms`, counted from now. A TPP waits for
 * the whole answer (a card issuer at the payment terminal), so several calls get `ms` in all, not `ms`
 * each; what is left bounds the next call, and with nothing left the next call is not made. A funds check
 * makes one call (`fundsCheck`); the budget matters to requests that make several.
 */
export function withDeadline(
  coreBanking: CoreBanking,
  ms: number,
  // A monotonic clock: a wall-clock step (NTP) must neither stretch nor cut the budget.
  now: () => number = () => performance.now(),
): CoreBanking {
  const deadline = now() + ms;
  return boundedConnector(coreBanking, (operation, run) =>
    bounded('core banking', operation, deadline - now(), run, `the request's ${ms} ms`),
  );
}

type Bound = <T>(operation: string, run: () => Promise<T>) => Promise<T>;

function boundedConnector(coreBanking: CoreBanking, call: Bound): CoreBanking {
  return {
    findPsu: (establishment, onlineBankingId) =>
      call('findPsu', () => coreBanking.findPsu(establishment, onlineBankingId)),
    psuById: (psuId) => call('psuById', () => coreBanking.psuById(psuId)),
    currentAccounts: (psuId) => call('currentAccounts', () => coreBanking.currentAccounts(psuId)),
    fundsCheck: (establishment, psuId, iban) =>
      call('fundsCheck', () => coreBanking.fundsCheck(establishment, psuId, iban)),
    balances: (iban) => call('balances', () => coreBanking.balances(iban)),
    entries: (query) => call('entries', () => coreBanking.entries(query)),
    trustedBeneficiaries: (psuId) =>
      call('trustedBeneficiaries', () => coreBanking.trustedBeneficiaries(psuId)),
    // A payment call that times out may still have debited: openstet sends the same order again later,
    // and the books answer what they did (idempotent on orderId, `payment-execution.ts`).
    executePayment: (order) => call('executePayment', () => coreBanking.executePayment(order)),
    orderState: (orderId) => call('orderState', () => coreBanking.orderState(orderId)),
    cancelOrder: (orderId) => call('cancelOrder', () => coreBanking.cancelOrder(orderId)),
  };
}

/** The same bound for the bank's SCA server: an SMS gateway outage sends the customer back to the TPP. */
export function withScaTimeout(sca: StrongAuthentication, ms: number): StrongAuthentication {
  const knowledge = sca.knowledge;
  return {
    ...(knowledge
      ? {
          knowledge: {
            verify: (psu, secret) =>
              bounded('SCA server', 'knowledge', ms, () => knowledge.verify(psu, secret)),
          },
        }
      : {}),
    challenge: (psu, transaction) =>
      bounded('SCA server', 'challenge', ms, () => sca.challenge(psu, transaction)),
    verify: (psu, otp) => bounded('SCA server', 'verify', ms, () => sca.verify(psu, otp)),
  };
}
