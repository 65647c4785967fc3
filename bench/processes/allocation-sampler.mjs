// Preloaded by bench/allocation.ts into the server it measures (NODE_OPTIONS=--import=…): on SIGUSR2,
// V8's sampling heap profiler starts, keeping the objects GCs collect; at exit the profile is written
// to ALLOCATION_PROFILE. With ALLOCATION_SURVIVORS=1 only objects that outlived a young-generation
// collection are kept: what V8 moved to the old generation, which only full collections free.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const path = process.env.ALLOCATION_PROFILE;
if (path) {
  const session = new Session();
  session.connect();
  process.on('SIGUSR2', () => {
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
  });
}
