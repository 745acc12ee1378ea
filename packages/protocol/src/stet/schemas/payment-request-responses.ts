import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { Links } from './generic-link.ts';
import { PaymentRequestResource } from './payment-request.ts';
import { AppliedAuthenticationApproach } from './supplementary-data.ts';

export const PaymentRequestResourceCreationLinks = Links(
  'PaymentRequestResourceCreationLinks',
  'consentApproval: the URL where the PISP sends the PSU to the ASPSP authentication (REDIRECT approach)',
  [],
  ['consentApproval'],
);

const nonce = Type.Optional(Type.String({ description: 'Anti-replay value (1.4.2)' }));
const creation = {
  title: 'HalPaymentRequestCreation',
  description: 'The ASPSP answer to a payment request creation',
};

/**
 * STET `HalPaymentRequestCreation` (201 on `POST /payment-requests` with a `Location` header, 200 on `PUT`);
 * 1.4.2 adds `nonce`. The Swagger example wraps `appliedAuthenticationApproach` in an object by mistake;
 * the definition, followed here, is the plain string.
 */
export const HalPaymentRequestCreation = {
  v1: Type.Object(
    {
      appliedAuthenticationApproach: Type.Optional(AppliedAuthenticationApproach),
      _links: Type.Optional(PaymentRequestResourceCreationLinks),
    },
    creation,
  ),
  'v1.4.2': Type.Object(
    {
      appliedAuthenticationApproach: Type.Optional(AppliedAuthenticationApproach),
      nonce,
      _links: Type.Optional(PaymentRequestResourceCreationLinks),
    },
    creation,
  ),
} as const satisfies PerVersion<TSchema>;
export type HalPaymentRequestCreation<V extends StetVersion = StetVersion> = Static<
  (typeof HalPaymentRequestCreation)[V]
>;

/** STET `PaymentRequestLinks`: `confirmation` "shall not been provided when the confirmation has already been posted"; 1.4.2 renames `self` to `request`. */
export const PaymentRequestLinks = {
  v1: Links(
    'PaymentRequestLinks',
    'Links of a payment request: self, confirmation',
    [],
    ['self', 'confirmation'],
  ),
  'v1.4.2': Links(
    'PaymentRequestLinks',
    'Links of a payment request: request, confirmation',
    [],
    ['request', 'confirmation'],
  ),
} as const satisfies PerVersion<TSchema>;

function halPaymentRequest<Request extends TSchema, RequestLinks extends TSchema>(
  request: Request,
  links: RequestLinks,
) {
  return Type.Object(
    { paymentRequest: request, _links: links },
    { title: 'HalPaymentRequest', description: 'The payment request and its status, returned to the PISP' },
  );
}

/** STET `HalPaymentRequest` (`GET /payment-requests/{id}`, and the answer to a confirmation). */
export const HalPaymentRequest = {
  v1: halPaymentRequest(PaymentRequestResource.v1, PaymentRequestLinks.v1),
  'v1.4.2': halPaymentRequest(PaymentRequestResource['v1.4.2'], PaymentRequestLinks['v1.4.2']),
} as const satisfies PerVersion<TSchema>;
export type HalPaymentRequest<V extends StetVersion = StetVersion> = Static<(typeof HalPaymentRequest)[V]>;

const factor = Type.Optional(
  Type.String({ description: 'The authentication factor the TPP forwards in the EMBEDDED approach' }),
);
const confirmation = { title: 'ConfirmationResource', description: 'Confirmation request resource' };

/** STET `ConfirmationResource` (`POST …/confirmation`, and `…/o-confirmation` in 1.4.2); 1.4.2 adds `nonce`. */
export const ConfirmationResource = {
  v1: Type.Object({ psuAuthenticationFactor: factor }, confirmation),
  'v1.4.2': Type.Object({ nonce, psuAuthenticationFactor: factor }, confirmation),
} as const satisfies PerVersion<TSchema>;
export type ConfirmationResource<V extends StetVersion = StetVersion> = Static<
  (typeof ConfirmationResource)[V]
>;
