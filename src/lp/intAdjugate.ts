// intAdjugate.ts: determinant and adjugate of a small square integer matrix (fraction-free).

/** Determinant of a square integer matrix by fraction-free (Bareiss) elimination. */
export function intDeterminant(S: readonly (readonly bigint[])[]): bigint {
  const n = S.length;
  if (n === 0) return 1n;
  const M = S.map((r) => r.slice());
  let sign = 1n;
  let prev = 1n;
  for (let k = 0; k < n; k++) {
    let piv = k;
    while (piv < n && (M[piv] as bigint[])[k] === 0n) piv++;
    if (piv === n) return 0n;
    if (piv !== k) {
      const t = M[piv] as bigint[];
      M[piv] = M[k] as bigint[];
      M[k] = t;
      sign = -sign;
    }
    const rk = M[k] as bigint[];
    const pk = rk[k] as bigint;
    for (let i = k + 1; i < n; i++) {
      const ri = M[i] as bigint[];
      const f = ri[k] as bigint;
      for (let j = k + 1; j < n; j++) ri[j] = (pk * (ri[j] as bigint) - f * (rk[j] as bigint)) / prev;
      ri[k] = 0n;
    }
    prev = pk;
  }
  return sign * ((M[n - 1] as bigint[])[n - 1] as bigint);
}

/**
 * `{det, adj}` with `adj * S = S * adj = det * I` (the classical adjugate), for a square integer
 * matrix. Closed forms up to 3x3, cofactors via {@link intDeterminant} beyond.
 */
export function intAdjugate(S: readonly (readonly bigint[])[]): { det: bigint; adj: bigint[][] } {
  const n = S.length;
  const e = (i: number, j: number): bigint => (S[i] as readonly bigint[])[j] as bigint;
  if (n === 0) return { det: 1n, adj: [] };
  if (n === 1) return { det: e(0, 0), adj: [[1n]] };
  if (n === 2) {
    const a = e(0, 0), b = e(0, 1), c = e(1, 0), d = e(1, 1);
    return { det: a * d - b * c, adj: [[d, -b], [-c, a]] };
  }
  if (n === 3) {
    const a = e(0, 0), b = e(0, 1), c = e(0, 2);
    const d = e(1, 0), f = e(1, 1), g = e(1, 2);
    const h = e(2, 0), i = e(2, 1), j = e(2, 2);
    const c00 = f * j - g * i, c01 = -(d * j - g * h), c02 = d * i - f * h;
    const adj = [
      [c00, -(b * j - c * i), b * g - c * f],
      [c01, a * j - c * h, -(a * g - c * d)],
      [c02, -(a * i - b * h), a * f - b * d],
    ];
    return { det: a * c00 + b * c01 + c * c02, adj };
  }
  const adj: bigint[][] = [];
  for (let i = 0; i < n; i++) adj.push(new Array<bigint>(n).fill(0n));
  let det = 0n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const minor: bigint[][] = [];
      for (let r = 0; r < n; r++) {
        if (r === i) continue;
        const row: bigint[] = [];
        for (let c = 0; c < n; c++) if (c !== j) row.push(e(r, c));
        minor.push(row);
      }
      const cof = ((i + j) % 2 === 0 ? 1n : -1n) * intDeterminant(minor);
      (adj[j] as bigint[])[i] = cof;
      if (i === 0) det += e(0, j) * cof;
    }
  }
  return { det, adj };
}
