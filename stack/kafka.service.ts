// The local Kafka: one KRaft node (broker and controller in one JVM) bound to 127.0.0.1,
// run straight from the Maven jars listed in stack/kafka/pom.xml (no tarball, no scripts).
// Layout: <stack>/kafka/{libs,config,data,logs}. The data directory is formatted once, on
// the first start; later starts reuse its topics and offsets.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { probeKafka } from './health.ts';
import { appendNote, describeTail } from './log-file.ts';
import { runMaven } from './maven.ts';
import { runLogged, spawnDetached } from './process-control.ts';
import type { ServiceContext, ServiceDriver } from './service.ts';
import { StackError } from './stack-error.ts';

/** Must match kafka.version in stack/kafka/pom.xml (a unit test checks). */
export const KAFKA_VERSION = '4.4.0';

export function renderServerProperties(o: { port: number; controllerPort: number; dataDir: string }): string {
  const lines = [
    '# Written by `voc stack` on every start; edits are overwritten.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${o.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${o.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${o.dataDir}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // A single test consumer should not wait 3 s for companions that never come.
    'group.initial.rebalance.delay.ms=0',
    // voc creates its topics with explicit partitions; a typo must fail, not invent a topic.
    'auto.create.topics.enable=false',
  ];
  return lines.join('\n') + '\n';
}

// Console only: stdout is already redirected to the service log, which `voc stack logs` reads.
export const KAFKA_LOG4J2_YAML = `Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
`;

/**
 * What StorageTool expects: 16 random bytes, base64url without padding (22 characters).
 * One id in 64 would start with '-', which the tool's argument parser reads as an option
 * ("--cluster-id: expected one argument"); Kafka's own generator draws again in that case, and so do we.
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function createKafkaService(ctx: ServiceContext): ServiceDriver {
  const { config, paths, logger } = ctx;
  const log = logger.child({ service: 'kafka' });
  const dir = paths.serviceDir('kafka');
  const libs = path.join(dir, 'libs');
  const configDir = path.join(dir, 'config');
  const dataDir = paths.dataDir('kafka');
  const logFile = paths.logFile('kafka');
  const marker = path.join(libs, '.voc-fetched');
  const classpath = `${libs}/*`;
  const propertiesFile = path.join(configDir, 'server.properties');
  const log4jFile = path.join(configDir, 'log4j2.yaml');

  async function fetch(): Promise<void> {
    if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === KAFKA_VERSION) return;
    // Start from an empty directory: jars of another version on the classpath would clash.
    rmSync(libs, { recursive: true, force: true });
    mkdirSync(libs, { recursive: true });
    mkdirSync(paths.logsDir('kafka'), { recursive: true });
    await runMaven({
      service: 'kafka',
      goals: ['dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libs}`],
      logFile,
      logger: log,
    });
    writeFileSync(marker, KAFKA_VERSION + '\n');
  }

  async function start() {
    const java = path.join(ctx.jdk().home, 'bin', 'java');
    await fetch();
    mkdirSync(configDir, { recursive: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      propertiesFile,
      renderServerProperties({ port: config.stack.kafkaPort, controllerPort: config.stack.kafkaControllerPort, dataDir }),
    );
    writeFileSync(log4jFile, KAFKA_LOG4J2_YAML);
    const log4j = `-Dlog4j2.configurationFile=${log4jFile}`;

    if (!existsSync(path.join(dataDir, 'meta.properties'))) {
      const clusterId = newClusterId();
      log.info({ clusterId, dataDir }, 'formatting KRaft storage');
      appendNote(logFile, `kafka-storage format (cluster ${clusterId})`);
      const code = await runLogged({
        command: java,
        args: ['-cp', classpath, log4j, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', propertiesFile],
        logFile,
      });
      if (code !== 0) throw new StackError(`kafka storage format failed (exit ${code})\n${describeTail(logFile)}`, 'kafka');
    }

    const heap = config.stack.kafkaHeap;
    appendNote(logFile, `starting Kafka ${KAFKA_VERSION} on 127.0.0.1:${config.stack.kafkaPort}`);
    const pid = await spawnDetached({
      command: java,
      args: [`-Xmx${heap}`, `-Xms${heap}`, '-XX:+UseG1GC', '-Djava.awt.headless=true', '-cp', classpath, log4j, 'kafka.Kafka', propertiesFile],
      cwd: dir,
      logFile,
    });
    return { pid, version: KAFKA_VERSION };
  }

  return {
    name: 'kafka',
    url: config.kafka.brokers.join(','),
    port: config.stack.kafkaPort,
    extraPorts: [config.stack.kafkaControllerPort],
    processMarker: 'kafka.Kafka',
    external: config.kafka.external,
    fetch,
    start,
    probe: () => probeKafka(config.kafka),
  };
}
