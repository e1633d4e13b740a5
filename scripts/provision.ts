// npm postinstall: make sure the Temporal CLI is available (unless an external Temporal is configured).
import { ensureTemporalCli } from './lib/temporal-cli';

if (process.env.TEMPORAL_ADDRESS && !process.env.CI) {
  console.log('TEMPORAL_ADDRESS is set: using that Temporal server; the CLI is not needed to start.');
} else {
  try {
    const cli = ensureTemporalCli();
    console.log(`Temporal CLI: ${cli}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
