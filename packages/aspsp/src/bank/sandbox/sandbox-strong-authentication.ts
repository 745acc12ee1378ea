import type { PsuProfile } from '../../core/ports/core-banking.ts';
import type {
  ScaChallenge,
  StrongAuthentication,
  TransactionToSign,
} from '../../core/ports/strong-authentication.ts';
import { sameSecret } from '../../security/secrets.ts';
import { SANDBOX_PERSONAS, SANDBOX_SMS_CODE, type SandboxPersona } from './personas.ts';

/** `06 39 98 00 78` → `06 ** ** ** 78`: enough for the PSU to recognise the phone, not to learn it. */
export function maskPhoneNumber(phone: string): string {
  const groups = phone.trim().split(/\s+/);
  if (groups.length < 3) return '** ** ** ** **';
  return [groups[0], ...groups.slice(1, -1).map(() => '**'), groups.at(-1)].join(' ');
}

/**
 * The sandbox SCA: no SMS is sent and every persona's code is the seed's fixed 12345678 ("Code SMS pour
 * authentification", seed "Testez nos persona"). With `knowledgeStep`, each persona also has a password
 * (`SandboxPersona.password`), asked with the online-banking id: two factors, as a bank runs them.
 * Unsafe in production: anyone knowing the code passes SCA.
 */
export function sandboxStrongAuthentication(
  options: { readonly knowledgeStep?: boolean; readonly personas?: readonly SandboxPersona[] } = {},
): StrongAuthentication {
  const personas = options.personas ?? SANDBOX_PERSONAS;
  const phones = new Map(personas.map((persona) => [persona.profile.psuId, persona.mobilePhone]));
  const passwords = new Map(personas.map((persona) => [persona.profile.psuId, persona.password]));
  return {
    ...(options.knowledgeStep
      ? {
          knowledge: {
            async verify(psu: PsuProfile, secret: string): Promise<boolean> {
              const password = passwords.get(psu.psuId);
              return password !== undefined && sameSecret(secret, password);
            },
          },
        }
      : {}),
    // No SMS goes out, so the payment it would name (dynamic linking) changes nothing here: the page shows it,
    // and the approval checks that the request is still the one the code was sent for.
    async challenge(psu: PsuProfile, _transaction?: TransactionToSign): Promise<ScaChallenge> {
      return { channel: 'sms', maskedDestination: maskPhoneNumber(phones.get(psu.psuId) ?? '') };
    },
    // People paste codes with spaces ("1234 5678"); whitespace carries no secret, so it is dropped.
    async verify(_psu: PsuProfile, otp: string): Promise<boolean> {
      return sameSecret(otp.replace(/\s+/g, ''), SANDBOX_SMS_CODE);
    },
  };
}
