import { runCannon, runFaults, runLoop, runPaced } from '../lib/generators.js';
import type { ChildMessage, Job, ParentMessage } from '../lib/protocol.js';

/** The load generator: its own process, so no server shares its event loop. Runs one job at a time. */
async function run(job: Job) {
  if (job.kind === 'faults') return runFaults(job);
  if (job.generator === 'paced') return runPaced(job);
  return job.generator === 'autocannon' ? runCannon(job) : runLoop(job);
}

const reply = (message: ChildMessage) => process.send?.(message);

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') process.exit(0);
  run(message.job).then(
    (result) => reply({ type: 'result', id: message.id, result }),
    (error: unknown) => reply({ type: 'failed', id: message.id, message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready', payload: { pid: process.pid } });
