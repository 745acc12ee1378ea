import Type, { type Static } from 'typebox';
import { StringEnum } from './schema-kit.ts';

const APPROACHES = ['REDIRECT', 'DECOUPLED', 'EMBEDDED'] as const;

/** STET `AppliedAuthenticationApproach`: the SCA approach the ASPSP chose among those the PISP accepts. */
export const AppliedAuthenticationApproach = StringEnum(APPROACHES, {
  title: 'AppliedAuthenticationApproach',
  description: 'The authentication approach the ASPSP chose among those the PISP proposed',
});

/**
 * STET `SupplementaryData`: the SCA approaches the PISP accepts, the one the ASPSP applied, the SCA
 * exemption hint (CR1) and the PISP's call-back URLs (REDIRECT and DECOUPLED; "Both call-back URLS must be
 * used in a TLS-secured request").
 */
export const SupplementaryData = Type.Object(
  {
    acceptedAuthenticationApproach: Type.Optional(
      Type.Array(StringEnum(APPROACHES), { description: 'Authentication approaches the PISP supports' }),
    ),
    appliedAuthenticationApproach: Type.Optional(AppliedAuthenticationApproach),
    scaHint: Type.Optional(
      StringEnum(['noScaExemption', 'scaExemption'], {
        description: 'Hint of the merchant or PISP about an SCA exemption',
      }),
    ),
    successfulReportUrl: Type.Optional(
      Type.String({ description: 'URL where the ASPSP sends the PSU after the authentication and consent' }),
    ),
    unsuccessfulReportUrl: Type.Optional(
      Type.String({
        description: 'URL where the ASPSP sends the PSU when they fail; successfulReportUrl when absent',
      }),
    ),
  },
  {
    title: 'SupplementaryData',
    description: 'The call-back URLs and the authentication approaches of a payment request',
  },
);
export type SupplementaryData = Static<typeof SupplementaryData>;
