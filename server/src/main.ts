import { loadConfig } from './config.js';
import { startServer } from './server.js';

// `npm start`: a real instance, no demo data. Configuration comes from the environment (README).
startServer(loadConfig()).catch((err) => {
  process.stderr.write(`Tongxin failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
