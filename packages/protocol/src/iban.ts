import { isValidIBAN } from 'ibantools';

/**
 * The electronic format of an IBAN (ISO 13616-1 §5): no spaces, capital letters. People type the paper
 * format ("FR76 1380 7008 ...") and lower case; the API and the bank's books use the electronic one.
 */
export function normaliseIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * Is `text` an IBAN in electronic format (call `normaliseIban` first on typed input)? ISO 13616-1: a
 * country code, two check digits, the BBAN length and format of that country (including the French RIB
 * key), and the ISO 7064 mod-97 check digits. A syntactically valid IBAN may still be unknown to the bank.
 */
export function isValidIban(text: string): boolean {
  return isValidIBAN(text);
}
