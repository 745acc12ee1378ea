import type { InformationRefusal, NotConsented } from '../../../core/accounts/consented-account.ts';
import { type ApiError, Errors } from '../../../http/api-error.ts';

/**
 * The core's account-information refusals in STET codes (ADR 0006): 404 for an id that is not one of the
 * PSU's accounts (whoever holds it), 403 NGAC (the seed's "le compte n'est pas consenti") for one outside
 * the consent, 400 FF01 for a page cursor the bank did not give, 429 TMRQ past the unattended reads of
 * RTS Art. 36(5)(b), 503 INTS when the books do not answer.
 */
const NOT_CONSENTED: Readonly<Record<NotConsented, string>> = {
  'no-customer': 'This token carries no customer consent',
  account: 'The customer did not make this account available to you for this read',
  'trusted-beneficiaries': 'Not consented: send trustedBeneficiaries: true with PUT /consents first',
  identity: 'Not consented: send psuIdentity: true with PUT /consents first',
};

export function informationRefusalError(refusal: InformationRefusal): ApiError {
  switch (refusal.reason) {
    case 'unknown-account':
      return Errors.notFound(
        'No account of the customer has this accountResourceId: take the ids from GET /accounts',
      );
    case 'not-consented':
      return Errors.accountNotGranted(NOT_CONSENTED[refusal.what]);
    case 'bad-page':
      return Errors.invalidBody(
        'page is not a cursor this bank gave for this account: follow the _links hrefs as given',
      );
    case 'bank-unavailable':
      return Errors.coreBankingUnavailable();
    case 'unattended-quota':
      return Errors.tooManyRequests(
        'Four reads without the PSU (no PSU-IP-Address) in 24 hours: RTS Art. 36(5)(b). Retry after the delay',
        refusal.retryAfterSeconds,
      );
  }
}
