import { simulateCallbackDay } from '../scale/callback-day.suite';

// The closing note's figures: 200 call backs over a simulated day on two servers.
it('measures a day of 200 call backs', async () => {
  const day = await simulateCallbackDay(200);
  process.stdout.write(`\n${JSON.stringify({ ...day, scrape: undefined }, null, 2)}\n`);
  expect(day.report.callbacks.promised).toBe(200);
}, 300_000);
