import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KAFKA_VERSION, newClusterId, renderServerProperties } from './kafka.service.ts';
import { pomPath } from './maven.ts';

function parse(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
  );
}

describe('renderServerProperties', () => {
  const props = parse(renderServerProperties({ port: 9092, controllerPort: 9093, dataDir: '/s/kafka/data' }));

  it('runs one KRaft node that is broker and controller, on loopback only', () => {
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('node.id')).toBe('1');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(props.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(props.get('controller.listener.names')).toBe('CONTROLLER');
    expect(props.get('inter.broker.listener.name')).toBe('PLAINTEXT');
  });

  it('keeps data in the given directory and suits a single node', () => {
    expect(props.get('log.dirs')).toBe('/s/kafka/data');
    expect(props.get('offsets.topic.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.min.isr')).toBe('1');
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(props.get('auto.create.topics.enable')).toBe('false');
  });

  it('follows the configured ports', () => {
    const other = parse(renderServerProperties({ port: 29092, controllerPort: 29093, dataDir: '/d' }));
    expect(other.get('listeners')).toBe('PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093');
  });
});

describe('newClusterId', () => {
  it('is 22 characters of base64url, different every time', () => {
    const id = newClusterId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newClusterId()).not.toBe(id);
  });

  it('never starts with a dash, which the storage tool would read as an option', () => {
    // one raw draw in 64 starts with '-': 3,000 draws would meet several
    const ids = Array.from({ length: 3000 }, () => newClusterId());
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
  });
});

it('KAFKA_VERSION matches stack/kafka/pom.xml', () => {
  const pom = readFileSync(pomPath('kafka'), 'utf8');
  expect(/<kafka\.version>([^<]+)</.exec(pom)?.[1]).toBe(KAFKA_VERSION);
});
