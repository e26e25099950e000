// Prints the plain closing line CI reads ("N passed, N failed, N skipped") as the run's very last line,
// after jest's own summary (which jest prints after every custom reporter).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numRuntimeErrorTestSuites: broken } = results;
    process.once('exit', () => process.stdout.write(`tests: ${passed} passed, ${failed + broken} failed, ${skipped} skipped\n`));
  }
}
module.exports = SummaryReporter;
