/** ISO 7064 MOD 97-10 of a string of digits, computed piecewise (no bigint, any length). */
function mod97(digits: string): number {
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest;
}

/**
 * A French IBAN from its RIB parts, all digits: bank code (the establishment's `cdetab`, 5), branch (5),
 * account number (11). The RIB key is 97 − (89 × bank + 15 × branch + 3 × account) mod 97; the IBAN check
 * digits are 98 − (BBAN + "FR00" as digits, F = 15, R = 27) mod 97 (ISO 13616).
 */
export function frenchIban(bank: string, branch: string, account: string): string {
  if (!/^\d{5}$/.test(bank) || !/^\d{5}$/.test(branch) || !/^\d{11}$/.test(account))
    throw new TypeError(
      'frenchIban takes a 5-digit bank code, a 5-digit branch and an 11-digit account number',
    );
  // At most 3 × 10^11 + 10^7: exact in a double.
  const ribKey = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97);
  const bban = `${bank}${branch}${account}${String(ribKey).padStart(2, '0')}`;
  const check = 98 - mod97(`${bban}152700`);
  return `FR${String(check).padStart(2, '0')}${bban}`;
}
