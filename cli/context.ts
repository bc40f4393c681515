// What every command needs, built once from the environment: this is the only place
// outside core/config that looks at process.env.
import { loadConfig, type Config } from '../core/config/config.ts';
import { createLogger, type Logger } from '../core/observability/logger.ts';

let config: Config | undefined;
let logger: Logger | undefined;

export function cliConfig(): Config {
  config ??= loadConfig(process.env);
  return config;
}

export function cliLogger(): Logger {
  logger ??= createLogger({ level: cliConfig().logLevel, pretty: process.stderr.isTTY && cliConfig().env !== 'production' });
  return logger;
}
