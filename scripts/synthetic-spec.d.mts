/** A spec with `subpackages` generated subpackages (1,644 give about 2 MB and 44,000 lines). */
export function syntheticSpec(subpackages?: number, seed?: number): string;
