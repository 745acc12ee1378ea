/**
 * What a populated sandbox looks like (`openstet sandbox populate`): fixed proportions, so that every
 * population of a size has the same shape and a load test meets each of the bank's answers in a known
 * share. Which customer or account gets what is drawn from the seed (`population-seed.ts`); the SQL that
 * applies these figures is `store/ledger-population-sql.ts`. Proportions are out of 100 or 1000 as named.
 */

/** Common French first names (ASCII and accented, as they are written). */
// biome-ignore format: a table reads better in rows
export const FIRST_NAMES: readonly string[] = Object.freeze([
  'Camille', 'Louis', 'Chloé', 'Jules', 'Inès', 'Nathan', 'Manon', 'Lucas', 'Zoé', 'Théo',
  'Emma', 'Gabriel', 'Léa', 'Raphaël', 'Jade', 'Arthur', 'Louise', 'Hugo', 'Alice', 'Adam',
  'Lina', 'Paul', 'Rose', 'Noah', 'Anna', 'Tom', 'Juliette', 'Maël', 'Sarah', 'Victor',
  'Marie', 'Pierre', 'Nathalie', 'Philippe', 'Isabelle', 'Michel', 'Sylvie', 'Alain', 'Catherine', 'Éric',
]);

/** The most common French last names (INSEE). */
// biome-ignore format: a table reads better in rows
export const LAST_NAMES: readonly string[] = Object.freeze([
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
]);

/** Customer segments as the bank names them, with their share out of 100 (they add up to 100). */
export const SEGMENTS: readonly { readonly name: string; readonly per100: number }[] = Object.freeze([
  { name: 'Particulier', per100: 55 },
  { name: 'Cadre', per100: 15 },
  { name: 'Retraite', per100: 12 },
  { name: 'Etudiant', per100: 10 },
  { name: 'Entrepreneur', per100: 5 },
  { name: 'Entreprise', per100: 3 },
]);

/** Segments whose accounts are professional ("Compte courant pro"); every other holds "Compte à vue". */
export const PROFESSIONAL_SEGMENTS: readonly string[] = Object.freeze(['Entrepreneur', 'Entreprise']);

/** Out of 1000 customers: online-banking subscriptions terminated (API answer IPSU). */
export const TERMINATED_PER_1000 = 15;

/** Out of 1000 accounts: closed (AC04, balance zero) and blocked (AC06); every other is open. */
export const CLOSED_PER_1000 = 20;
export const BLOCKED_PER_1000 = 10;

/**
 * The accounting balance, in cents: which band (its share out of 100, in order), then a uniform draw
 * within it, `from` to `from + span`. About 8 % overdrawn, most between 0 and 3 000 EUR, a few rich.
 */
export const BALANCE_BANDS: readonly {
  readonly per100: number;
  readonly from: number;
  readonly span: number;
}[] = Object.freeze([
  { per100: 8, from: -150_000, span: 150_000 },
  { per100: 60, from: 0, span: 300_000 },
  { per100: 25, from: 300_000, span: 1_700_000 },
  { per100: 7, from: 2_000_000, span: 13_000_000 },
]);

/** Out of 100 open or blocked accounts: card payments pending (the gap to the "solde minute"), up to 250 EUR. */
export const PENDING_DEBITS_PER_100 = 35;
export const PENDING_DEBITS_MAX_CENTS = 25_000;

/** Out of 100 accounts: an authorised overdraft, more often when overdrawn; its amount, in cents. */
export const OVERDRAFT_PER_100_OVERDRAWN = 70;
export const OVERDRAFT_PER_100_OTHERS = 15;
export const OVERDRAFT_TIERS_CENTS: readonly number[] = Object.freeze([20_000, 50_000, 100_000, 200_000]);

/** Every populated account is in euros. */
export const POPULATION_CURRENCY = 'EUR';
