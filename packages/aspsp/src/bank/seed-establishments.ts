import type { Establishment } from '../core/establishments/establishment.ts';

const establishment = (code: string, bic: string, ...brands: [string, string][]): Establishment =>
  Object.freeze({
    code,
    bic,
    brands: Object.freeze(brands.map(([name, shortName]) => Object.freeze({ name, shortName }))),
  });

/**
 * The seed's table "Limitations sur les données": 13 brands under 11 establishment codes, each reached at
 * `www.<cdetab>.live.api.89c3.com`. Names and short names as published; the BICs are those of the SWIFT
 * directory for each Banque Populaire (its head office), which the seed does not give: for display only.
 */
export const SEED_ESTABLISHMENTS: readonly Establishment[] = Object.freeze([
  establishment('10807', 'CCBPFRPPDJN', ['B.P Bourgogne Franche Comté', 'BPBFC']),
  establishment('16807', 'CCBPFRPPLYO', ['B.P AUvergne et Rhône-Alpes', 'BPAURA']),
  establishment('10207', 'CCBPFRPPMTG', ['B.P RIves de Paris + BICS', 'BPRI']),
  establishment('18707', 'CCBPFRPPVER', ['B.P Val de France', 'BPVF']),
  establishment('13507', 'CCBPFRPPLIL', ['B.P du Nord', 'BPN']),
  establishment('16607', 'CCBPFRPPPPG', ['B.P Sud', 'BPS']),
  establishment(
    '10907',
    'CCBPFRPPBDX',
    ['B.P Aquitaine Centre Atlantique', 'BPACA'],
    ['Crédit Maritime Littoral du Sud Ouest', 'CMSOU'],
  ),
  establishment('14707', 'CCBPFRPPMTZ', ['B.P Alsace Lorraine Champagne', 'BPALC']),
  establishment('17807', 'CCBPFRPPTLS', ['B.P OCcitane', 'BPOC']),
  establishment(
    '13807',
    'CCBPFRPPNAN',
    ['B.P Grand Ouest', 'BPGO'],
    ['Crédit Maritime Grand Ouest', 'CMMGO'],
  ),
  establishment('14607', 'CCBPFRPPNCE', ['B.P Méditerranée', 'BPMED']),
]);
