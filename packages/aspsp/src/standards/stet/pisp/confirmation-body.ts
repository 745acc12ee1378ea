import { checkBody, StetSchemas, type StetVersion } from '@openstet/protocol';
import { Errors } from '../../../http/api-error.ts';

/**
 * A `ConfirmationResource` (optional: no body reads as `{}`), checked against the version's schema (400
 * FF01 naming the field). `psuAuthenticationFactor` is the EMBEDDED approach's, which this bank does not
 * offer: refused rather than ignored. A 1.4.2 `nonce` is ignored: the bank issues none (REDIRECT).
 */
export function checkConfirmationBody(body: unknown, version: StetVersion): void {
  const given = body ?? {};
  const problem = checkBody(StetSchemas.ConfirmationResource[version], given);
  if (problem) throw Errors.invalidBody(problem.message);
  if ((given as { psuAuthenticationFactor?: unknown }).psuAuthenticationFactor !== undefined)
    throw Errors.invalidBody(
      'psuAuthenticationFactor: EMBEDDED is not supported; the PSU approves at the consentApproval link',
    );
}
