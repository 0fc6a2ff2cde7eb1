// run.ts: `npm run bench`: every benchmark, each with its baseline measured in the same run.
import { runDecisionBench } from './decisions.js';

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'all';
  if (which === 'all' || which === 'lp') {
    const { runLpBench } = await import('./lp.js');
    console.log('== generic small LPs ==');
    await runLpBench();
  }
  if (which === 'all' || which === 'decisions') {
    console.log('== real workload: D-II model 0 decisions ==');
    await runDecisionBench();
  }
  if (which === 'all' || which === 'e2e') {
    const { runE2eBench } = await import('./e2e.js');
    console.log('== issue 3 target: ohc certify + ohc check, D-II model 0, default profile, all layers ==');
    const at = process.argv.indexOf('--runs');
    await runE2eBench(console.log, at > 0 ? Math.max(1, Number(process.argv[at + 1]) || 1) : 1);
  }
  if (which === 'all' || which === 'homology') {
    const { runHomologyBench } = await import('./homology.js');
    console.log('== certified Betti numbers vs ripser: D-II knn-rips and its cone and metric quotients ==');
    await runHomologyBench();
  }
}

await main();
