import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/config/config.ts';
import { defectTargets } from './defects.ts';

const refusal = (raw: string, allowPrivate = false) => {
  try {
    defectTargets(raw, allowPrivate);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${raw}`);
};

describe('DEFECT_NOTIFY', () => {
  it('is no target when unset', () => {
    expect(defectTargets(undefined, false)).toEqual([]);
  });

  it('takes targets as a rule does, with the same defaults', () => {
    expect(defectTargets('[{"channel":"slack","url":"https://hooks.slack.com/services/T/B/x"},{"channel":"dingtalk","url":"https://oapi.dingtalk.com/robot/send?access_token=t","language":"zh","on":["firing"]}]', false)).toEqual([
      { channel: 'slack', url: 'https://hooks.slack.com/services/T/B/x', language: 'en', on: ['firing', 'resolved'], digest: 0 },
      { channel: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', language: 'zh', on: ['firing'], digest: 0 },
    ]);
  });

  it('names the variable and what is wrong where', () => {
    expect(refusal('[{"channel":"slack"')).toMatch(/DEFECT_NOTIFY: not JSON/);
    expect(refusal('{"channel":"slack","url":"https://example.com/hook"}')).toMatch(/DEFECT_NOTIFY: \(the value\): /);
    expect(refusal('[{"channel":"pager","url":"https://example.com/hook"}]')).toMatch(/DEFECT_NOTIFY: \[0\]\.channel: channel is one of webhook, slack, dingtalk, wecom/);
    expect(refusal('[{"channel":"webhook","url":"https://example.com/hook"},{"channel":"webhook","url":"ftp://example.com"}]')).toMatch(/\[1\]\.url: url is an http\(s\) URL/);
  });

  it('refuses private addresses unless WEBHOOK_ALLOW_PRIVATE', () => {
    const local = '[{"channel":"webhook","url":"http://127.0.0.1:8099/cord"}]';
    expect(refusal(local)).toMatch(/DEFECT_NOTIFY: \[0\]\.url: .*WEBHOOK_ALLOW_PRIVATE/);
    expect(defectTargets(local, true)).toHaveLength(1);
  });
});
