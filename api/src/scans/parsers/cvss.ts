/** CVSS scores and vectors of one source, in the field names Trivy and the Harbor Trivy adapter use. */
export interface VendorCvss {
  V2Score?: number | null | undefined;
  V2Vector?: string | null | undefined;
  V3Score?: number | null | undefined;
  V3Vector?: string | null | undefined;
}

/** Harbor's `preferred_cvss`. */
export interface PreferredCvss {
  score_v3?: number | null | undefined;
  score_v2?: number | null | undefined;
  vector_v3?: string | null | undefined;
  vector_v2?: string | null | undefined;
}

export interface SelectedCvss {
  score: number;
  vector?: string;
}

interface Candidate {
  score: number | null | undefined;
  vector: string | null | undefined;
}

function isScore(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 10;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** Vendor entries with NVD first, then the others in document order. */
function orderVendors(vendors: Record<string, VendorCvss> | null | undefined): VendorCvss[] {
  if (vendors === null || vendors === undefined) return [];
  const nvd = vendors['nvd'];
  const others = Object.entries(vendors)
    .filter(([name]) => name !== 'nvd')
    .map(([, entry]) => entry);
  return nvd === undefined ? others : [nvd, ...others];
}

/**
 * Chooses one CVSS score and vector for a finding. Any v3 score wins over any v2 score. Within a
 * version, Harbor's `preferred_cvss` comes first, then the vendor entries with NVD first.
 * A preferred score without a vector borrows the vector of the first vendor entry with the same
 * score, so a score is never paired with another source's different vector.
 * NOTE: CVSS v4 entries (Trivy's `V40Score`, `V40Vector`) are not read.
 */
export function selectCvss(
  preferred: PreferredCvss | null | undefined,
  vendors: Record<string, VendorCvss> | null | undefined,
): SelectedCvss | undefined {
  const ordered = orderVendors(vendors);
  const v3: Candidate[] = ordered.map((entry) => ({ score: entry.V3Score, vector: entry.V3Vector }));
  const v2: Candidate[] = ordered.map((entry) => ({ score: entry.V2Score, vector: entry.V2Vector }));
  const versions: Array<{ preferred: Candidate; vendors: Candidate[] }> = [
    { preferred: { score: preferred?.score_v3, vector: preferred?.vector_v3 }, vendors: v3 },
    { preferred: { score: preferred?.score_v2, vector: preferred?.vector_v2 }, vendors: v2 },
  ];

  for (const version of versions) {
    if (isScore(version.preferred.score)) {
      const score = version.preferred.score;
      const vector =
        nonEmpty(version.preferred.vector) ??
        nonEmpty(
          version.vendors.find((candidate) => candidate.score === score && nonEmpty(candidate.vector))
            ?.vector,
        );
      return vector === undefined ? { score } : { score, vector };
    }
    const vendor = version.vendors.find((candidate) => isScore(candidate.score));
    if (vendor !== undefined && isScore(vendor.score)) {
      const vector = nonEmpty(vendor.vector);
      return vector === undefined ? { score: vendor.score } : { score: vendor.score, vector };
    }
  }
  return undefined;
}
