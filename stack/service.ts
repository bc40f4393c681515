// The contract every local server implements, so stack.ts can treat Kafka, Elasticsearch
// and Redis alike: fetch what it needs, start it detached, and probe whether whatever
// listens on its port really is that server and ready.
import type { Logger } from 'pino';
import type { Config } from '../core/config/config.ts';
import type { Jdk } from './java.ts';
import type { ServiceName } from './service-name.ts';
import type { StackPaths } from './stack-paths.ts';

export type { ServiceName } from './service-name.ts';
export { serviceNames } from './service-name.ts';

export type ServiceContext = {
  config: Config;
  paths: StackPaths;
  logger: Logger;
  /** The JDK for the JVM servers, looked up on first use (Redis never needs one). */
  jdk: () => Jdk;
};

export type Probe = { healthy: true } | { healthy: false; reason: string };

/** What start() launched; stack.ts records it in run/<service>.{pid,json}. */
export type StartedServer = { pid: number; version: string; home?: string };

export type ServiceDriver = {
  name: ServiceName;
  /** What clients are given: a broker list for Kafka, a URL otherwise. */
  url: string;
  port: number;
  /** Other ports the server binds, which must be free before starting it. */
  extraPorts: number[];
  /** Substring of /proc/<pid>/cmdline of the recorded pid, so a recycled pid is not mistaken for ours. */
  processMarker: string;
  external: boolean;
  /** Downloads or installs what start() needs; idempotent and cheap when already done. */
  fetch(): Promise<void>;
  /** Launches the server detached and returns at once; readiness is probe()'s job. */
  start(): Promise<StartedServer>;
  probe(): Promise<Probe>;
};
