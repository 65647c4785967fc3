import { demoUpstreams, startDemoUpstreams } from './demo.js';

/**
 * `npm run sandbox`: every simulator on its fixed loopback port, with its demo credentials.
 * `npm run sandbox -- --documented` makes them answer only what the vendors' docs show.
 */
const documented = process.argv.slice(2).includes('--documented');
const demo = await startDemoUpstreams({ fixedPorts: true, ...(documented ? { shape: 'documented' } : {}) });
console.log(`Simulated upstreams (loopback only, seeded demo data, ${demo.shape} shape):`);
demo.simulators.forEach((sim, i) => {
  const credentials = demoUpstreams[i]?.entry.demoCredentials ?? {};
  const shown = Object.entries(credentials)
    .map(([name, value]) => `${name}=${value}`)
    .join('  ');
  console.log(`  ${sim.provider.padEnd(15)} ${sim.url}   ${shown}`);
});
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
