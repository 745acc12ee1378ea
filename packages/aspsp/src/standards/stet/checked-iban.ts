import { isValidIban } from '@openstet/protocol';
import { Errors } from '../../http/api-error.ts';

/** An IBAN the body names at `field`, refused with AC01 unless ISO 13616 holds (structure, check digits). */
export function checkedIban(iban: string, field: string): string {
  if (!isValidIban(iban))
    throw Errors.incorrectAccount(`${field} is not a valid IBAN (ISO 13616 structure and check digits)`);
  return iban;
}
