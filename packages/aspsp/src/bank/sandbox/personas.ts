import { type Money, parseAmount } from '@openstet/protocol';
import type { TrustedBeneficiary } from '../../core/ports/account-information.ts';
import type { AccountStatus, PsuProfile, Subscription } from '../../core/ports/core-banking.ts';
import { frenchIban } from './french-iban.ts';

/** A current account of the sandbox ledger; instant balance = accounting balance − pending card debits. */
export interface SandboxAccount {
  readonly iban: string;
  readonly accountNumber: string;
  readonly name: string;
  /** "Solde – balance" of the seed table. */
  readonly accountingBalance: Money;
  /** Card payments authorised but not yet booked: the gap between "Solde" and "solde minute". */
  readonly pendingCardDebits: Money;
  readonly authorisedOverdraft: Money;
  readonly status: AccountStatus;
  /** Simulates a core banking outage: a funds check on it never answers; the API's timeout gives 503 INTS. */
  readonly positionNeverAnswers?: true;
}

export interface SandboxPersona {
  /** The persona's name in the seed table ("Persona" column). */
  readonly persona: string;
  /** false for the personas openstet adds to cover cases the seed has no persona for. */
  readonly fromSeed: boolean;
  readonly profile: PsuProfile;
  /** Invented, in the range ARCEP reserves for fiction (06 39 98 xx xx), so no real phone is shown. */
  readonly mobilePhone: string;
  /**
   * The password of the knowledge step (`OPENSTET_SCA_KNOWLEDGE_STEP=true`; the seed has none): the
   * persona's name without spaces or apostrophes, `#`, then the establishment code, e.g. `Marc#13807`,
   * `TechnCo#13807`, `Louis#16807`.
   */
  readonly password: string;
  readonly subscription: Subscription;
  readonly accounts: readonly SandboxAccount[];
  /**
   * The PSU's trusted beneficiaries (RTS Art. 13): Marc has four (his landlord, his sister at the same
   * bank, his own savings at another bank, a childminder whose bank is not known), Tech’n Co two suppliers,
   * Alix her brother; the others none. Invented people and account numbers at real French banks (their
   * bank codes and BICs), so the IBANs are valid (`frenchIban`).
   */
  readonly beneficiaries: readonly TrustedBeneficiary[];
}

/** The seed's "Code SMS pour authentification", the same for every persona. */
export const SANDBOX_SMS_CODE = '12345678';

/** "Code établissement" of the seed table: 13807 for every persona, Lea included (her IBAN reads 17515). */
const ESTABLISHMENT_CODE = '13807';

const eur = (amount: string): Money => parseAmount(amount, 'EUR');
const ZERO = eur('0.00');

export function account(
  iban: string,
  accountNumber: string,
  accountingBalance: string,
  more: Partial<Omit<SandboxAccount, 'iban' | 'accountNumber' | 'accountingBalance'>> = {},
): SandboxAccount {
  return Object.freeze({
    iban,
    accountNumber,
    name: 'Compte à vue',
    accountingBalance: eur(accountingBalance),
    pendingCardDebits: ZERO,
    authorisedOverdraft: ZERO,
    status: 'open',
    ...more,
  });
}

const NO_BENEFICIARIES: readonly TrustedBeneficiary[] = Object.freeze([]);

/**
 * A sandbox customer; the seed's establishment 13807 unless `establishmentCode` says otherwise, no trusted
 * beneficiary unless `beneficiaries` lists some.
 */
export function customer(
  fields: Omit<SandboxPersona, 'profile' | 'subscription' | 'fromSeed' | 'password' | 'beneficiaries'> &
    Omit<PsuProfile, 'establishmentCode'> &
    Partial<
      Pick<SandboxPersona, 'subscription' | 'fromSeed' | 'beneficiaries'> &
        Pick<PsuProfile, 'establishmentCode'>
    >,
): SandboxPersona {
  const {
    persona,
    mobilePhone,
    accounts,
    subscription = 'active',
    fromSeed = true,
    establishmentCode = ESTABLISHMENT_CODE,
    beneficiaries = NO_BENEFICIARIES,
    ...profile
  } = fields;
  return Object.freeze({
    persona,
    fromSeed,
    profile: Object.freeze({ ...profile, establishmentCode }),
    mobilePhone,
    password: `${persona.replace(/[\s'’]/g, '')}#${establishmentCode}`,
    subscription,
    accounts: Object.freeze(accounts),
    beneficiaries: Object.freeze(beneficiaries.map((beneficiary) => Object.freeze({ ...beneficiary }))),
  });
}

/** A trusted beneficiary: `BEN-<persona>-<nn>`, an IBAN of the bank and branch given, its BIC if known. */
function beneficiary(
  id: string,
  name: string,
  [bank, branch, accountNumber]: readonly [string, string, string],
  bicFi: string | undefined,
): TrustedBeneficiary {
  return { id, name, iban: frenchIban(bank, branch, accountNumber), bicFi };
}

/**
 * Every persona of the seed table ("Testez nos persona"): online-banking id, IBAN, account number and
 * "Solde" exactly as published, all in EUR. Last names are invented (the seed gives first names only), and
 * so are the pending card debits, chosen so the seed's acceptance cases ("Tests d'acceptance") hold:
 * FR76…5158 has a solde minute of 4 179.00 ("montant supérieur à 4 179€" → not covered) and FR76…5255 of
 * 459.00 ("montant inférieur à 459€" → covered).
 */
const SEED_PERSONAS: readonly SandboxPersona[] = [
  customer({
    persona: 'Marc',
    psuId: 'psu-marc',
    onlineBankingId: 'D0999990I0',
    firstName: 'Marc',
    lastName: 'Dubois',
    segment: 'Cadre',
    mobilePhone: '06 39 98 10 78',
    accounts: [
      account('FR7613807008043001965405158', '038-CPT30019654051', '4348.95', {
        pendingCardDebits: eur('169.95'),
      }),
      account('FR7613807008043001965405255', '038-CPT30019654052', '459.56', {
        pendingCardDebits: eur('0.56'),
      }),
      account('FR7613807008043001965405352', '038-CPT30019654053', '2165.50'),
    ],
    beneficiaries: [
      beneficiary('BEN-MARC-01', 'SCI Les Tilleuls', ['30004', '00819', '00012345601'], 'BNPAFRPPXXX'),
      // Same bank and branch as Marc: the BIC of Banque Populaire Grand Ouest (13807).
      beneficiary('BEN-MARC-02', 'Sophie Dubois', ['13807', '00804', '30019658830'], 'CCBPFRPPNAN'),
      beneficiary('BEN-MARC-03', 'Marc Dubois Livret', ['40618', '80000', '00012345603'], 'BOUSFRPPXXX'),
      beneficiary('BEN-MARC-04', 'Claire Bernard', ['20041', '01005', '00012345604'], undefined),
    ],
  }),
  customer({
    persona: 'Marie',
    psuId: 'psu-marie',
    onlineBankingId: 'D0999991I0',
    firstName: 'Marie',
    lastName: 'Lefèvre',
    segment: 'Retraite',
    mobilePhone: '06 39 98 11 23',
    accounts: [
      account('FR7613807008043001965406128', '038-CPT30019654061', '1754.03'),
      account('FR7613807008043001965406225', '038-CPT30019654062', '11429.00'),
    ],
  }),
  customer({
    persona: 'Thomas',
    psuId: 'psu-thomas',
    // Shorter than the others' in the seed table, kept as published.
    onlineBankingId: 'D0999980',
    firstName: 'Thomas',
    lastName: 'Moreau',
    segment: 'Etudiant',
    mobilePhone: '06 39 98 12 45',
    accounts: [
      account('FR7613807008043001965407195', '038-CPT30019654071', '749.27'),
      account('FR7613807008043001965407292', '038-CPT30019654072', '-20000.00', { status: 'blocked' }),
    ],
  }),
  customer({
    persona: 'Alix',
    psuId: 'psu-alix',
    onlineBankingId: 'D0999992I0',
    firstName: 'Alix',
    lastName: 'Fontaine',
    segment: 'Cadre',
    mobilePhone: '06 39 98 13 67',
    accounts: [
      account('FR7613807008043001965408165', '038-CPT30019654081', '52.00'),
      account('FR7613807008043001965408262', '038-CPT30019654082', '395.45'),
      account('FR7613807008043001965408359', '038-CPT30019654083', '298.19'),
    ],
    beneficiaries: [
      beneficiary('BEN-ALIX-01', 'Julien Fontaine', ['30002', '00550', '00012345611'], 'CRLYFRPPXXX'),
    ],
  }),
  customer({
    persona: 'Tech’n Co',
    psuId: 'psu-techn-co',
    onlineBankingId: 'D0999993I0',
    // A company acts through a person: the seed says Tech’n Co was founded by Dominique.
    firstName: 'Dominique',
    lastName: 'Garnier',
    segment: 'Entreprise',
    mobilePhone: '06 39 98 14 89',
    accounts: [
      account('FR7613807008043001965409135', '038-CPT30019654091', '63917.00', {
        name: 'Compte courant pro',
      }),
    ],
    beneficiaries: [
      beneficiary(
        'BEN-TECHNCO-01',
        'Imprimerie Marchand SARL',
        ['30003', '03620', '00012345621'],
        'SOGEFRPPXXX',
      ),
      beneficiary('BEN-TECHNCO-02', 'Cabinet Roux Expertise', ['30066', '10021', '00012345622'], 'CMCIFRPP'),
    ],
  }),
  customer({
    persona: 'Adam',
    psuId: 'psu-adam',
    onlineBankingId: 'D0999994I0',
    firstName: 'Adam',
    lastName: 'Roussel',
    segment: 'Entrepreneur',
    mobilePhone: '06 39 98 15 02',
    accounts: [
      account('FR7613807008063031966574122', '038-CPT30319665741', '0.00', {
        name: 'Compte courant pro',
        status: 'closed',
      }),
      account('FR7613807008063031966574219', '038-CPT30319665742', '-2894.05', {
        name: 'Compte courant pro',
      }),
    ],
  }),
  customer({
    persona: 'Lea',
    psuId: 'psu-lea',
    onlineBankingId: '755238649',
    firstName: 'Lea',
    lastName: 'Martin',
    segment: 'Cadre',
    mobilePhone: '06 39 98 16 34',
    accounts: [
      // At -150.00 with a 500.00 overdraft, Lea can still pay up to 350.00.
      account('FR7617515000920400430518020', '038-CPT04004305180', '-150.00', {
        authorisedOverdraft: eur('500.00'),
      }),
    ],
  }),
];

/**
 * Not in the seed: personas for the API answers the seed lists without a persona to trigger them. Their
 * IBANs are valid French IBANs of bank 13807, branch 00804 (RIB key and ISO 7064 check digits computed).
 */
const SANDBOX_ONLY_PERSONAS: readonly SandboxPersona[] = [
  // IPSU "abonnement banque à distance résilié": Hugo's subscription ended after he consented, so the
  // sandbox still lets him through SCA and consent, and the API then refuses his consented account.
  customer({
    persona: 'Hugo',
    fromSeed: false,
    psuId: 'psu-hugo',
    onlineBankingId: 'D0999995I0',
    firstName: 'Hugo',
    lastName: 'Perrin',
    segment: 'Ancien client',
    mobilePhone: '06 39 98 17 56',
    subscription: 'terminated',
    accounts: [account('FR7613807008043001965410105', '038-CPT30019654101', '245.80')],
  }),
  // INTS "erreur interne de communication avec le SI": reading Iris's balances never answers.
  customer({
    persona: 'Iris',
    fromSeed: false,
    psuId: 'psu-iris',
    onlineBankingId: 'D0999996I0',
    firstName: 'Iris',
    lastName: 'Lambert',
    segment: 'Incident SI',
    mobilePhone: '06 39 98 18 90',
    accounts: [
      account('FR7613807008043001965411172', '038-CPT30019654111', '1200.00', { positionNeverAnswers: true }),
    ],
  }),
];

/** The customers of the seed's establishment 13807: the seed's personas and openstet's. */
export const SANDBOX_PERSONAS: readonly SandboxPersona[] = Object.freeze([
  ...SEED_PERSONAS,
  ...SANDBOX_ONLY_PERSONAS,
]);
