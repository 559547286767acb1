// What both benchmark specs record: the median and the maximum of each figure's runs, printed
// as they are taken and written to one JSON file per spec for scripts/bench-report.mjs.
import { mkdirSync, writeFileSync } from "node:fs";

/** How often each figure is taken (`BENCH_RUNS`, 7 by default). */
export const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** The median of `xs`. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The figures of one spec, written to `out` by `save()`. */
export function figureSet(out) {
  const figures = {};
  return {
    figures,
    /** Records the runs of figure `id` (milliseconds), with `extra` values beside them. */
    record(id, samples, extra = {}) {
      figures[id] = { median_ms: median(samples), max_ms: Math.max(...samples), runs: samples.length, ...extra };
      console.log(`${id}: median ${figures[id].median_ms.toFixed(2)} ms over ${samples.length} runs`);
    },
    save() {
      mkdirSync("target/bench", { recursive: true });
      writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), figures }, null, 2));
    },
  };
}
