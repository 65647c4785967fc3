// Preloaded by bench/allocation.ts into the server it measures (NODE_OPTIONS=--import=…): on SIGUSR2,
// V8's sampling heap profiler starts, keeping the objects GCs collect; at exit the profile is written
// to ALLOCATION_PROFILE. With ALLOCATION_SURVIVORS=1 only objects that outlived a young-generation
// collection are kept: what V8 moved to the old generation, which only full collections free.
// The collections V8 ran from then on, young-generation and full, are written beside it
// (ALLOCATION_PROFILE + '.gc.json').
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { constants, PerformanceObserver } from 'node:perf_hooks';

const path = process.env.ALLOCATION_PROFILE;
if (path) {
  const session = new Session();
  session.connect();
  const collections = { young: 0, full: 0 };
  let counting = false;
  new PerformanceObserver((list) => {
    if (!counting) return;
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) collections.young += 1;
      else if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) collections.full += 1;
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    counting = true;
    session.post('HeapProfiler.enable');
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 8192,
      includeObjectsCollectedByMinorGC: process.env.ALLOCATION_SURVIVORS !== '1',
      includeObjectsCollectedByMajorGC: true,
    });
  });
  // The in-process session answers synchronously, so the profile is written before the process ends.
  process.on('exit', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (!error) writeFileSync(path, JSON.stringify(result.profile));
    });
    writeFileSync(`${path}.gc.json`, JSON.stringify(collections));
  });
}
