/**
 * How much the demo records. `small` is what `npm start` seeds on first start: a few communes of
 * each province (with everything that merged with them in 2025), so that the app answers within a
 * minute on PGlite. `province` imports every commune of the demo provinces; `national` every unit
 * of the country, with the demo history still in the demo provinces.
 */
export const demoScales = ['small', 'province', 'national'] as const;
export type DemoScale = (typeof demoScales)[number];

export interface ScaleParameters {
  /** New (2025) communes picked per old province; null: all of them. */
  readonly communesPerOldProvince: number | null;
  /** Import the whole country's units (history stays in the demo provinces). */
  readonly wholeCountry: boolean;
  /** Cadres registered per agency. */
  readonly cadresPerAgency: number;
  /** Trips per follower and year (the demo cadre makes enough to meet the 36 days). */
  readonly visitsPerYear: readonly [number, number];
  /** At most this many communes get a follower per old province (null: all). */
  readonly followedPerOldProvince: number | null;
}

export const scaleParameters: Readonly<Record<DemoScale, ScaleParameters>> = {
  small: { communesPerOldProvince: 2, wholeCountry: false, cadresPerAgency: 3, visitsPerYear: [1, 2], followedPerOldProvince: 5 },
  province: { communesPerOldProvince: null, wholeCountry: false, cadresPerAgency: 10, visitsPerYear: [3, 8], followedPerOldProvince: 40 },
  national: { communesPerOldProvince: null, wholeCountry: true, cadresPerAgency: 10, visitsPerYear: [3, 8], followedPerOldProvince: 40 },
};
