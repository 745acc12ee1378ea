import type { InformationDeps, InformationRefusal } from './consented-account.ts';
import { isRefusal } from './consented-account.ts';
import type { InformationGrant } from './information-grant.ts';
import { type UnattendedRead, unattendedWait } from './unattended-quota.ts';

/**
 * Runs `read`, counting it as an unattended read (RTS Art. 36(5)(b)) unless the PSU asked for it. The
 * read is counted once it is known to be allowed, so that a quota answer tells nothing about an account
 * (ADR 0006), and uncounted when the bank could not answer it (its books unavailable, the account gone):
 * only information the AISP received uses up one of its four reads.
 */
export async function unattendedRead<T extends object>(
  deps: InformationDeps,
  grant: InformationGrant,
  subject: string,
  kind: UnattendedRead['kind'],
  read: () => Promise<T | InformationRefusal>,
): Promise<T | InformationRefusal> {
  if (deps.attended) return read();
  const counted = { clientId: grant.clientId, subject, kind };
  const claim = await unattendedWait(deps.unattended, counted, deps.now());
  if ('retryAfterSeconds' in claim) return { reason: 'unattended-quota', ...claim };
  try {
    const result = await read();
    if (isRefusal(result)) await deps.unattended.release(claim.readId);
    return result;
  } catch (error) {
    await deps.unattended.release(claim.readId);
    throw error;
  }
}
