/**
 * STET `HalPaymentRequestCreation` (201 on `POST`, 200 on `PUT`): with a link to the bank's approval page,
 * the REDIRECT approach it applied (the only one: the PSU authenticates on the bank's own pages) and
 * `_links.consentApproval`; without one (a cancellation applied at once), nothing to authenticate. No
 * 1.4.2 `nonce`: it serves approaches where the PISP relays the PSU's authentication, which this bank does
 * not offer, and a REDIRECT confirmation is bound by the bank's own approval and token.
 */
export function halPaymentRequestCreation(approvalUrl: string | undefined): string {
  return JSON.stringify(
    approvalUrl === undefined
      ? {}
      : { appliedAuthenticationApproach: 'REDIRECT', _links: { consentApproval: { href: approvalUrl } } },
  );
}
