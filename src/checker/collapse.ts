// collapse.ts: rules `edge-collapse`, `vertex-collapse`: replay the reduce steps on the graph of a flag complex.
import { type Bits, ids } from './complexGraph.js';
import { idx, list } from './parse.js';
import { type Step, reject } from './verdict.js';

/** The first vertex other than `skip` in a ∩ b (b omitted: all) outside c, or −1 (word by word). */
function outside(a: Uint32Array, b: Uint32Array | null, c: Uint32Array, skip: number): number {
  for (let w = 0; w < a.length; w++) {
    let bits = ((a[w] as number) & (b === null ? ~0 : (b[w] as number)) & ~(c[w] as number)) >>> 0;
    if (w === skip >>> 5) bits = (bits & ~(1 << (skip & 31))) >>> 0;
    if (bits !== 0) return w * 32 + 31 - Math.clz32(bits & -bits);
  }
  return -1;
}

/**
 * Replay `steps` on g in order (g is changed). `[u, v, w]`: the edge {u, v}, u < v, is dominated
 * by w (w adjacent to u and v, N(u) ∩ N(v) ⊆ N[w]) and is removed. `[v, w]`: v is dominated by its
 * neighbour w (N(v) ⊆ N[w]) and is removed with its edges. Returns the number of steps.
 */
export function replaySteps(g: Bits, steps: unknown, at: Step): number {
  const xs = list(steps, at, 'steps');
  xs.forEach((x, n) => {
    const st = { ...at, index: n };
    const s = list(x, st, `steps[${n}]`).map((v, k) => idx(v, st, `steps[${n}][${k}]`, g.size));
    const [u, v, w] = s as [number, number, number?];
    if (s.length === 3 && w !== undefined) {
      const no = (why: string): never => reject('edge-collapse', st, `step ${n} [${u}, ${v}, ${w}]: ${why}`);
      if (u >= v) no('u < v is required');
      if (!g.has(u, v)) no(`{${u}, ${v}} is not an edge`);
      if (w === u || w === v || !g.has(u, w) || !g.has(v, w)) no(`${w} is not adjacent to both ${u} and ${v}`);
      const y = outside(g.row(u), g.row(v), g.row(w), w);
      if (y >= 0) no(`${y} is adjacent to ${u} and ${v} but not to ${w} (the edge is not dominated)`);
      g.set(u, v, false);
    } else if (s.length === 2) {
      const no = (why: string): never => reject('vertex-collapse', st, `step ${n} [${u}, ${v}]: ${why}`);
      if (u === v || !g.has(u, v)) no(`${u} and ${v} are not adjacent vertices`);
      const y = outside(g.row(u), null, g.row(v), v);
      if (y >= 0) no(`${y} is a neighbour of ${u} but not of ${v} (the vertex is not dominated)`);
      for (const y of ids(g.row(u))) g.set(u, y, false);
      g.alive[u] = 0;
    } else reject('parse', st, `steps[${n}] is neither [u, v, w] nor [v, w]`);
  });
  return xs.length;
}
