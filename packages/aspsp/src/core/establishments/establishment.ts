/** One brand under which an establishment serves customers (seed table: "Nom de l'établissement", "Nom abrégé"). */
export interface Brand {
  readonly name: string;
  readonly shortName: string;
}

/**
 * A bank of the group with its own customers ("le code établissement ... permet d'adresser le bon
 * référentiel client", seed "Limitations sur les données"): every customer, consent and token belongs to
 * one, and no other establishment accepts its tokens.
 */
export interface Establishment {
  /** The establishment code (`cdetab`): the five-digit bank code of its RIBs and IBANs, e.g. 13807. */
  readonly code: string;
  readonly bic: string;
  /** One or more brands: 10907 and 13807 carry two each in the seed. */
  readonly brands: readonly Brand[];
}

/** The establishments one deployment serves, and the one a host naming none reaches. */
export interface Establishments {
  readonly all: readonly Establishment[];
  readonly defaultCode: string;
  find(code: string): Establishment | undefined;
}

export function establishments(all: readonly Establishment[], defaultCode: string): Establishments {
  const byCode = new Map(all.map((establishment) => [establishment.code, establishment]));
  return Object.freeze({
    all: Object.freeze([...all]),
    defaultCode,
    find: (code: string) => byCode.get(code),
  });
}
