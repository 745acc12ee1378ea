import type { Establishment } from '../../core/establishments/establishment.ts';
import { SEED_ESTABLISHMENTS } from '../seed-establishments.ts';
import { frenchIban } from './french-iban.ts';
import { account, customer, type SandboxPersona } from './personas.ts';

/** One first name per establishment, in the order of the seed's table (ASCII: passwords are typed); then they repeat. */
const FIRST_NAMES = ['Camille', 'Louis', 'Chloe', 'Jules', 'Ines', 'Nathan', 'Manon', 'Lucas', 'Zoe', 'Theo'];

/**
 * The sandbox customer of an establishment other than the seed's 13807 (DESIGN.md "Establishments": each
 * has its own customers): online-banking id `C<cdetab>01`, password `<first name>#<cdetab>`, one open
 * current account of 1 500.00 EUR whose IBAN carries the establishment's code, branch 00001. A customer of
 * one establishment is unknown at every other.
 */
export function establishmentCustomer(establishment: Establishment, index: number): SandboxPersona {
  const { code } = establishment;
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length] as string;
  return customer({
    persona: firstName,
    fromSeed: false,
    establishmentCode: code,
    psuId: `psu-${code}-01`,
    onlineBankingId: `C${code}01`,
    firstName,
    lastName: establishment.brands[0]?.shortName ?? code,
    segment: 'Particulier',
    // ARCEP's range for fiction, as the seed personas' numbers.
    mobilePhone: `06 39 98 2${index % 10} ${code.slice(3)}`,
    accounts: [account(frenchIban(code, '00001', `${code}000001`), `001-CPT${code}01`, '1500.00')],
  });
}

/**
 * The establishments' customers, for every establishment but 13807, whose customers are the seed's personas.
 * Each seed establishment's customer keeps its name whichever establishments are served (README table).
 */
export function establishmentCustomers(establishments: readonly Establishment[]): SandboxPersona[] {
  const seedOrder = SEED_ESTABLISHMENTS.map((establishment) => establishment.code).filter(
    (code) => code !== '13807',
  );
  return establishments
    .filter((establishment) => establishment.code !== '13807')
    .map((establishment, index) => {
      const seedIndex = seedOrder.indexOf(establishment.code);
      return establishmentCustomer(establishment, seedIndex >= 0 ? seedIndex : index);
    });
}
