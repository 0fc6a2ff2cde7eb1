// palette.ts: colours for regions, classes and chart series (deterministic, distinguishable neighbours).

/** Colour of category `i` (0, 1, …): hues spaced by the golden angle, two lightness levels. */
export function categoryColor(i: number): string {
  const hue = Math.round((i * 137.508 + 15) % 360);
  const light = i % 2 === 0 ? 45 : 60;
  return `hsl(${hue} 70% ${light}%)`;
}

/** Grey for samples in no class (singletons). */
export const SINGLETON_COLOR = '#c4c4c4';

/** Fixed colours for a few chart series. */
export const SERIES_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
