import type { AccountEntry, EntryKind } from '../../core/ports/account-information.ts';
import type { SandboxAccount, SandboxPersona } from './personas.ts';

/**
 * What the sandbox's account histories are made of (`account-history.ts` draws them): for each kind of
 * customer, the entries of every month, those that may happen on any business day, the card merchants, and
 * the transfer that balances each month. French labels as statements print them.
 */

export type Direction = AccountEntry['direction'];
/** An inclusive range of amounts in minor units (cents: every sandbox account is in EUR). */
export type Range = readonly [low: number, high: number];

/** An entry on a set day of every month, or of the months listed: salary, rent, direct debits, fees. */
export interface Monthly {
  /** Day of the month (31: its last), moved to the nearest business day of the same month. */
  readonly day: number;
  readonly kind: EntryKind;
  readonly direction: Direction;
  /** Alternatives: each account keeps one for good (one employer, one landlord). */
  readonly labels: readonly string[];
  /** Each account's amount is drawn once in this range: a rent or a subscription does not move. */
  readonly range: Range;
  /** Up to this much is drawn again each month and added: bonuses, consumption. */
  readonly jitter: number;
  /** Months (1-12) it happens in; every month when absent. */
  readonly months?: readonly number[];
}

/** An entry that may happen on any business day, `perMille` times in a thousand. */
export interface Occasional {
  readonly perMille: number;
  readonly kind: EntryKind;
  readonly direction: Direction;
  /** One is drawn each time. */
  readonly labels: readonly string[];
  readonly range: Range;
}

/** A card payment's merchant as the statement prints it, and what one payment there costs. */
export type Merchant = readonly [name: string, low: number, high: number];

/**
 * The transfers that keep each month's flows balanced, so that the running balance does not drift over 13
 * months: on each of `days`, to or from savings, whatever makes the month's net flow so far (the whole
 * month's, on the last) a `target` drawn. A business sweeps more than once: its receipts are lumpy.
 */
export interface Sweep {
  readonly days: readonly number[];
  readonly credit: string;
  readonly debit: string;
  readonly target: Range;
}

export interface Profile {
  readonly monthly: readonly Monthly[];
  readonly occasional: readonly Occasional[];
  readonly merchants: readonly Merchant[];
  /** Card payments booked on a business day: one of these counts, drawn. */
  readonly cardsPerDay: readonly number[];
  readonly withdrawalPerMille: number;
  readonly sweep: Sweep | undefined;
}

const monthly =
  (kind: EntryKind, direction: Direction, prefix: string) =>
  (day: number, labels: string | readonly string[], range: Range, more: Partial<Monthly> = {}): Monthly => ({
    day,
    kind,
    direction,
    labels: (typeof labels === 'string' ? [labels] : labels).map((label) => `${prefix}${label}`),
    range,
    jitter: 0,
    ...more,
  });

const directDebit = monthly('direct-debit', 'debit', 'PRLV SEPA ');
const transferIn = monthly('credit-transfer', 'credit', 'VIR SEPA ');
const transferOut = monthly('credit-transfer', 'debit', 'VIR SEPA ');
const fee = monthly('fee', 'debit', '');
/** A subscription paid by card: booked like any card payment, the day after. */
const cardSubscription = monthly('card-payment', 'debit', 'CB ');

const occasional = (
  perMille: number,
  kind: EntryKind,
  direction: Direction,
  labels: readonly string[],
  range: Range,
): Occasional => ({ perMille, kind, direction, labels, range });

/** Article R312-4-2 of the Code monétaire et financier caps it at 8.00 an operation (80.00 a month). */
const INTERVENTION = occasional(60, 'fee', 'debit', ["COMMISSION D'INTERVENTION"], [800, 800]);

const EVERYDAY: readonly Merchant[] = [
  ['CARREFOUR', 1_500, 14_000],
  ['MONOPRIX', 800, 6_500],
  ['FRANPRIX', 500, 3_500],
  ['BOULANGERIE PAUL', 250, 1_500],
  ['PICARD', 1_200, 5_500],
  ['PHARMACIE DU CENTRE', 400, 4_500],
  ['SNCF CONNECT', 2_500, 14_000],
  ['TOTALENERGIES', 4_000, 8_500],
  ['AMAZON PAYMENTS', 999, 8_999],
  ['FNAC', 1_500, 12_000],
  ['DECATHLON', 1_500, 9_000],
  ['UBER', 900, 3_500],
  ['DELIVEROO', 1_500, 4_500],
  ['UGC CINE CITE', 990, 2_400],
  ['IKEA', 2_000, 25_000],
  ['SEPHORA', 1_500, 7_500],
  ['BRASSERIE DU MARCHE', 1_800, 8_500],
  ['LECLERC', 2_000, 16_000],
];

/** A salaried customer: the salary and housing ranges, the card and its monthly fee. */
const employee = (salary: Range, rent: Range, card: string, cardFee: number): Profile => ({
  monthly: [
    transferIn(
      27,
      [
        'SALAIRE ALTIMA CONSEIL',
        'SALAIRE NORDIS INDUSTRIES SAS',
        'SALAIRE HELIOS DATA',
        'SALAIRE BELLEVUE INGENIERIE',
      ],
      salary,
      { jitter: 15_000 },
    ),
    directDebit(5, ['FONCIA LOYER', 'NEXITY LOYER', 'CREDIT LOGEMENT ECHEANCE PRET'], rent),
    directDebit(8, 'EDF MENSUALISATION', [5_500, 11_000]),
    directDebit(10, 'MAIF ASSURANCE', [4_500, 7_500]),
    directDebit(12, ['ORANGE', 'SFR BOX', 'BOUYGUES TELECOM'], [3_499, 5_499]),
    directDebit(3, 'COMUTITRES NAVIGO', [8_880, 8_880]),
    directDebit(15, 'ALAN MUTUELLE', [3_500, 6_000]),
    directDebit(20, ['FREE MOBILE', 'SOSH'], [999, 2_499]),
    fee(2, `COTISATION CARTE ${card}`, [cardFee, cardFee]),
    fee(2, 'FRAIS TENUE DE COMPTE', [200, 200]),
    cardSubscription(16, ['NETFLIX.COM', 'CANAL PLUS'], [1_349, 2_699]),
    cardSubscription(21, ['SPOTIFY', 'DEEZER'], [1_199, 1_199]),
  ],
  occasional: [
    occasional(40, 'credit-transfer', 'credit', ['VIR SEPA CPAM REMBOURSEMENT SOINS'], [1_500, 7_000]),
    occasional(
      40,
      'credit-transfer',
      'debit',
      ['VIR SEPA WEEK-END ENTRE AMIS', 'VIR SEPA CADEAU ANNIVERSAIRE', 'VIR INST REMBOURSEMENT DINER'],
      [1_500, 15_000],
    ),
    occasional(30, 'credit-transfer', 'credit', ['VIR SEPA VINTED', 'VIR INST PART DINER'], [1_000, 6_000]),
  ],
  merchants: EVERYDAY,
  cardsPerDay: [0, 1, 1, 1, 2, 2],
  withdrawalPerMille: 150,
  sweep: {
    days: [28],
    credit: 'VIR SEPA DEPUIS LIVRET A',
    debit: 'VIR SEPA VERS LIVRET A',
    target: [-15_000, 15_000],
  },
});

const CADRE = employee([320_000, 420_000], [95_000, 135_000], 'VISA PREMIER', 1_125);
const PARTICULIER = employee([190_000, 260_000], [65_000, 90_000], 'VISA CLASSIC', 375);

const RETRAITE: Profile = {
  monthly: [
    transferIn(9, 'CNAV RETRAITE', [120_000, 150_000]),
    transferIn(1, 'AGIRC ARRCO RETRAITE', [50_000, 80_000]),
    directDebit(10, 'EDF MENSUALISATION', [6_500, 12_000]),
    directDebit(12, 'ORANGE', [3_999, 4_999]),
    directDebit(6, 'HARMONIE MUTUELLE', [9_000, 13_000]),
    directDebit(14, 'MACIF ASSURANCE', [5_000, 8_000]),
    directDebit(15, 'VEOLIA EAU', [4_500, 7_500], { months: [1, 4, 7, 10] }),
    directDebit(15, 'DGFIP TAXE FONCIERE', [6_000, 9_000], { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }),
    fee(2, 'COTISATION CARTE VISA CLASSIC', [375, 375]),
    fee(2, 'FRAIS TENUE DE COMPTE', [200, 200]),
  ],
  occasional: [
    occasional(60, 'credit-transfer', 'credit', ['VIR SEPA CPAM REMBOURSEMENT SOINS'], [1_000, 6_000]),
    occasional(15, 'credit-transfer', 'debit', ['VIR SEPA CADEAU PETITS-ENFANTS'], [2_000, 10_000]),
  ],
  merchants: [
    ['INTERMARCHE', 1_500, 9_000],
    ['BOULANGERIE PAUL', 250, 1_200],
    ['PHARMACIE DU CENTRE', 400, 5_500],
    ['JARDINERIE TRUFFAUT', 1_000, 6_000],
    ['SNCF CONNECT', 2_500, 12_000],
    ['MARCHE DES LICES', 800, 4_000],
    ['CARREFOUR', 1_500, 12_000],
    ['MAISON DE LA PRESSE', 300, 1_500],
  ],
  cardsPerDay: [0, 1, 1, 1, 2],
  withdrawalPerMille: 250,
  sweep: {
    days: [11],
    credit: 'VIR SEPA DEPUIS LIVRET A',
    debit: 'VIR SEPA VERS LIVRET A',
    target: [-10_000, 10_000],
  },
};

const ETUDIANT: Profile = {
  monthly: [
    // The CROUS pays its grants ten times a year, September to June.
    transferIn(5, 'BOURSE CROUS', [30_000, 46_000], { months: [1, 2, 3, 4, 5, 6, 9, 10, 11, 12] }),
    transferIn(5, 'CAF AIDE AU LOGEMENT', [18_000, 24_000]),
    transferIn(1, 'M OU MME {NOM}', [20_000, 35_000]),
    transferIn(28, ['SALAIRE BRASSERIE DU CAMPUS', 'SALAIRE CINEMA LE STUDIO'], [45_000, 65_000], {
      jitter: 8_000,
    }),
    directDebit(6, ['CROUS LOYER RESIDENCE', 'STUDEA LOYER'], [38_000, 48_000]),
    directDebit(10, 'COMUTITRES IMAGINE R', [3_850, 3_850]),
    directDebit(14, 'FREE MOBILE', [999, 1_999]),
    fee(3, 'COTISATION CARTE JEUNE', [100, 100]),
  ],
  occasional: [
    occasional(40, 'credit-transfer', 'credit', ['VIR INST LYDIA', 'VIR INST PART COLOC'], [500, 3_000]),
    occasional(40, 'credit-transfer', 'debit', ['VIR INST LYDIA', 'VIR INST COURSES COLOC'], [500, 3_000]),
  ],
  merchants: [
    ['CROUS RESTAURANT U', 330, 660],
    ['LIDL', 800, 4_500],
    ['CARREFOUR CITY', 500, 3_000],
    ['UBER EATS', 1_200, 3_000],
    ['STEAM', 499, 5_999],
    ['KEBAB DU CAMPUS', 700, 1_200],
    ['CINEMA PATHE', 750, 1_200],
    ['AMAZON PAYMENTS', 799, 4_999],
    ['PHARMACIE DU CENTRE', 400, 2_500],
    ['SNCF CONNECT', 1_500, 6_000],
    ['BOULANGERIE PAUL', 150, 800],
  ],
  cardsPerDay: [0, 1, 1, 1, 2, 2],
  withdrawalPerMille: 150,
  sweep: {
    days: [29],
    credit: 'VIR SEPA DEPUIS LIVRET JEUNE',
    debit: 'VIR SEPA VERS LIVRET JEUNE',
    target: [-5_000, 5_000],
  },
};

/** A personal customer's other current account: household spending, fed by a monthly transfer. */
const SECONDARY: Profile = {
  monthly: [
    directDebit(9, ['ENGIE GAZ', 'TOTALENERGIES GAZ'], [3_500, 7_000]),
    directDebit(18, ['BASIC FIT', 'CANAL PLUS', 'DEEZER FAMILLE'], [1_999, 2_999]),
    fee(2, 'COTISATION CARTE VISA CLASSIC', [375, 375]),
  ],
  occasional: [],
  merchants: EVERYDAY.slice(0, 8),
  cardsPerDay: [0, 1, 1, 1, 2],
  withdrawalPerMille: 80,
  sweep: {
    days: [2],
    credit: 'VIR SEPA DE {NOM} {PRENOM} ALIMENTATION',
    debit: 'VIR SEPA VERS {NOM} {PRENOM} COMPTE PRINCIPAL',
    target: [-10_000, 10_000],
  },
};

/** Tech’n Co's customers. */
const CLIENTS = [
  'VIR SEPA ATELIERS DURAND SA FACT {FACT}',
  'VIR SEPA MAIRIE DE VINCENNES FACT {FACT}',
  'VIR SEPA GROUPE LUMIERE FACT {FACT}',
  'VIR SEPA CABINET ROCHE ET ASSOCIES FACT {FACT}',
  'VIR SEPA BIOCOOP NATION FACT {FACT}',
];

const ENTREPRISE: Profile = {
  monthly: [
    directDebit(5, 'SCI DU CANAL LOYER BUREAUX', [250_000, 350_000]),
    directDebit(15, 'URSSAF ILE DE FRANCE', [700_000, 900_000], { jitter: 30_000 }),
    directDebit(20, 'DGFIP TVA', [400_000, 700_000], { jitter: 100_000 }),
    directDebit(8, 'MALAKOFF HUMANIS PREVOYANCE', [40_000, 60_000]),
    directDebit(10, 'OVHCLOUD', [8_000, 25_000], { jitter: 3_000 }),
    directDebit(12, 'ORANGE BUSINESS', [9_000, 15_000]),
    directDebit(18, 'AXA ASSURANCE RC PRO', [15_000, 25_000]),
    transferOut(28, 'SALAIRE {MM}/{YYYY} C PETIT', [280_000, 320_000]),
    transferOut(28, 'SALAIRE {MM}/{YYYY} S NGUYEN', [300_000, 360_000]),
    transferOut(28, 'SALAIRE {MM}/{YYYY} K BENALI', [250_000, 290_000]),
    transferOut(28, 'SALAIRE {MM}/{YYYY} D GARNIER', [350_000, 400_000]),
    fee(3, 'COTISATION OFFRE PRO', [2_900, 2_900]),
    fee(3, 'COTISATION CARTE BUSINESS', [400, 400]),
  ],
  occasional: [
    occasional(350, 'credit-transfer', 'credit', CLIENTS, [150_000, 1_200_000]),
    occasional(
      150,
      'credit-transfer',
      'debit',
      ['VIR SEPA IMPRIMERIE MARCHAND FACT {FACT}', 'VIR SEPA CABINET ROUX EXPERTISE FACT {FACT}'],
      [30_000, 300_000],
    ),
    { ...INTERVENTION, perMille: 10 },
  ],
  merchants: [
    ['AMAZON BUSINESS', 2_000, 60_000],
    ['SNCF CONNECT', 4_000, 20_000],
    ['UBER', 1_500, 6_000],
    ['LE BISTROT DES HALLES', 3_000, 18_000],
    ['OFFICE DEPOT', 1_500, 25_000],
    ['APPLE STORE', 15_000, 180_000],
    ['AIR FRANCE', 12_000, 60_000],
  ],
  cardsPerDay: [0, 0, 1, 1, 2],
  withdrawalPerMille: 20,
  sweep: {
    days: [10, 20, 31],
    credit: 'VIR INTERNE DEPUIS LIVRET PRO',
    debit: 'VIR INTERNE VERS LIVRET PRO',
    target: [-50_000, 50_000],
  },
};

/** A craftsman working on his own: small invoices, his van, URSSAF; he pays himself what is left. */
const ENTREPRENEUR: Profile = {
  monthly: [
    directDebit(8, 'DIAC LOCATION UTILITAIRE', [35_000, 45_000]),
    directDebit(10, 'SFR BUSINESS', [3_000, 5_000]),
    directDebit(12, 'HISCOX RC PRO', [3_000, 6_000]),
    directDebit(15, 'URSSAF TRAVAILLEURS INDEPENDANTS', [40_000, 80_000]),
    directDebit(20, 'DGFIP TVA', [100_000, 200_000], { jitter: 30_000, months: [1, 4, 7, 10] }),
    directDebit(15, 'DGFIP CFE', [30_000, 60_000], { months: [12] }),
    fee(3, 'COTISATION OFFRE PRO', [1_800, 1_800]),
  ],
  occasional: [
    occasional(
      250,
      'credit-transfer',
      'credit',
      [
        'VIR SEPA M OU MME LEROY FACT {FACT}',
        'VIR SEPA SYNDIC CITYA FACT {FACT}',
        'VIR SEPA M BERTRAND FACT {FACT}',
        'VIR SEPA SCI LES ACACIAS FACT {FACT}',
      ],
      [30_000, 180_000],
    ),
    occasional(
      150,
      'credit-transfer',
      'debit',
      ['VIR SEPA POINT P MATERIAUX FACT {FACT}', 'VIR SEPA CEDEO FACT {FACT}'],
      [10_000, 80_000],
    ),
    { ...INTERVENTION, perMille: 20 },
  ],
  merchants: [
    ['BRICO DEPOT', 1_500, 30_000],
    ['LEROY MERLIN PRO', 1_500, 25_000],
    ['TOTALENERGIES', 5_000, 11_000],
    ['SANEF AUTOROUTE', 300, 2_500],
    ['BOULANGERIE PAUL', 250, 1_500],
    ['KILOUTOU', 5_000, 30_000],
  ],
  cardsPerDay: [0, 1, 1, 2],
  withdrawalPerMille: 60,
  sweep: {
    days: [28],
    credit: 'VIR SEPA APPORT EN COMPTE COURANT {PRENOM} {NOM}',
    debit: 'VIR SEPA REMUNERATION GERANT {PRENOM} {NOM}',
    target: [-50_000, 50_000],
  },
};

/** A blocked account in recovery: no card, interest and fees, the holder's repayments. */
const RECOVERY: Profile = {
  monthly: [
    fee(31, 'INTERETS DEBITEURS', [14_000, 17_000], { jitter: 500 }),
    transferIn(10, '{NOM} {PRENOM} REMBOURSEMENT', [15_000, 25_000], { jitter: 3_000 }),
    fee(15, 'FRAIS LETTRE DE RELANCE', [1_500, 1_500], { months: [2, 5, 8, 11] }),
  ],
  occasional: [{ ...INTERVENTION, perMille: 40 }],
  merchants: EVERYDAY.slice(0, 3),
  cardsPerDay: [0],
  withdrawalPerMille: 0,
  sweep: undefined,
};

/** An overdrawn account also pays for it: commissions, and debit interest at each quarterly statement. */
const overdrawn = (profile: Profile): Profile => ({
  ...profile,
  monthly: [
    ...profile.monthly,
    fee(31, 'INTERETS DEBITEURS ARRETE TRIMESTRIEL', [1_500, 4_500], { months: [3, 6, 9, 12] }),
  ],
  occasional: [...profile.occasional, INTERVENTION],
});

const BUSINESS: Readonly<Record<string, Profile>> = { Entreprise: ENTREPRISE, Entrepreneur: ENTREPRENEUR };
const PERSONAL: Readonly<Record<string, Profile>> = { Cadre: CADRE, Retraite: RETRAITE, Etudiant: ETUDIANT };

/**
 * What an account's history looks like: a business's by its segment; a person's by segment on their first
 * account and household spending on the others; a blocked account's is a recovery file.
 */
export function profileOf(holder: SandboxPersona, account: SandboxAccount): Profile {
  if (account.status === 'blocked') return RECOVERY;
  const { segment } = holder.profile;
  const main = holder.accounts.findIndex((found) => found.iban === account.iban) <= 0;
  const profile = BUSINESS[segment] ?? (main ? (PERSONAL[segment] ?? PARTICULIER) : SECONDARY);
  return account.accountingBalance.minorUnits < 0n ? overdrawn(profile) : profile;
}
