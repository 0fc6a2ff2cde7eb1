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
 * matrix. Closed forms up to 4x4, cofactors via {@link intDeterminant} beyond.
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
  if (n === 4) return adjugate4(e);
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

/** Closed-form 4x4 adjugate from the twelve 2x2 minors of rows (0,1) and (2,3). */
function adjugate4(e: (i: number, j: number) => bigint): { det: bigint; adj: bigint[][] } {
  const a00 = e(0, 0), a01 = e(0, 1), a02 = e(0, 2), a03 = e(0, 3);
  const a10 = e(1, 0), a11 = e(1, 1), a12 = e(1, 2), a13 = e(1, 3);
  const a20 = e(2, 0), a21 = e(2, 1), a22 = e(2, 2), a23 = e(2, 3);
  const a30 = e(3, 0), a31 = e(3, 1), a32 = e(3, 2), a33 = e(3, 3);
  const b00 = a00 * a11 - a01 * a10, b01 = a00 * a12 - a02 * a10, b02 = a00 * a13 - a03 * a10;
  const b03 = a01 * a12 - a02 * a11, b04 = a01 * a13 - a03 * a11, b05 = a02 * a13 - a03 * a12;
  const b06 = a20 * a31 - a21 * a30, b07 = a20 * a32 - a22 * a30, b08 = a20 * a33 - a23 * a30;
  const b09 = a21 * a32 - a22 * a31, b10 = a21 * a33 - a23 * a31, b11 = a22 * a33 - a23 * a32;
  const det = b00 * b11 - b01 * b10 + b02 * b09 + b03 * b08 - b04 * b07 + b05 * b06;
  const adj = [
    [a11 * b11 - a12 * b10 + a13 * b09, a02 * b10 - a01 * b11 - a03 * b09, a31 * b05 - a32 * b04 + a33 * b03, a22 * b04 - a21 * b05 - a23 * b03],
    [a12 * b08 - a10 * b11 - a13 * b07, a00 * b11 - a02 * b08 + a03 * b07, a32 * b02 - a30 * b05 - a33 * b01, a20 * b05 - a22 * b02 + a23 * b01],
    [a10 * b10 - a11 * b08 + a13 * b06, a01 * b08 - a00 * b10 - a03 * b06, a30 * b04 - a31 * b02 + a33 * b00, a21 * b02 - a20 * b04 - a23 * b00],
    [a11 * b07 - a10 * b09 - a12 * b06, a00 * b09 - a01 * b07 + a02 * b06, a31 * b01 - a30 * b03 - a32 * b00, a20 * b03 - a21 * b01 + a22 * b00],
  ];
  return { det, adj };
}
