import { stetOperation } from '@openstet/protocol';
import { isRefusal } from '../../../core/accounts/consented-account.ts';
import { readTransactions } from '../../../core/accounts/read-transactions.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import {
  accountIdParam,
  grantOf,
  halAnswer,
  type InformationEndpointDeps,
  informationDeps,
} from './information-call.ts';
import { accountPath, informationHref } from './information-links.ts';
import { informationRefusalError } from './information-refusal.ts';
import { transactionResource } from './transaction-resource.ts';
import { transactionsQuery } from './transactions-query.ts';

/**
 * `GET /accounts/{accountResourceId}/transactions` on both versions (scope `aisp`): one page of STET
 * `HalTransactions`, 50 entries newest first, with `self` / `first` / `last` / `next` / `prev` hrefs
 * carrying opaque cursors (ADR 0006). An empty window is 200 with `transactions: []`.
 */
export function transactionsEndpoint(deps: InformationEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('accountsTransactionsGet'),
    async answer({ request, version, token }) {
      const accountId = accountIdParam(request.params);
      const asked = transactionsQuery(request.query, version);
      const grant = await grantOf(deps, token);
      const page = await readTransactions(informationDeps(deps, request), grant, accountId, asked);
      if (isRefusal(page)) throw informationRefusalError(page);
      const path = accountPath(accountId, 'transactions');
      const link = (cursor: string | undefined) =>
        cursor === undefined ? {} : informationHref(version, `${path}?page=${cursor}`);
      const { self, first, last, next, prev } = page.cursors;
      return halAnswer({
        transactions: page.entries.map((entry) => transactionResource(entry, version)),
        _links: {
          self: link(self),
          'parent-list': informationHref(version, '/accounts'),
          ...(grant.balances.includes(page.account.iban)
            ? { balances: informationHref(version, accountPath(accountId, 'balances')) }
            : {}),
          first: link(first),
          last: link(last),
          ...(next ? { next: link(next) } : {}),
          ...(prev ? { prev: link(prev) } : {}),
        },
      });
    },
  };
}
