// What a rule would have done over stored history: the value and its usual level per
// evaluation for one group at a time, the firing spans shaded, and the transitions.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { BacktestResult } from '../api/types.ts';
import { Chart, lineOption } from '../components/chart.tsx';
import { Empty, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function Backtest(props: { result: BacktestResult; metric: string; stale: boolean }) {
  const { t, fmt } = useI18n();
  const groups = props.result.groups;
  const busiest = useMemo(() => [...groups].sort((a, b) => b.firings - a.firings)[0]?.group ?? null, [groups]);
  const [chosen, setChosen] = useState<string | null>(busiest);
  useEffect(() => setChosen(busiest), [busiest]);
  const group = groups.find((g) => g.group === chosen) ?? groups[0];
  const interval = String(props.result.rule.every ?? '');
  const format = (v: number | null) => fmt.metric(props.metric, v);
  const labels = group ? group.points.map((p) => fmt.bucket(p.t, /d$/.test(interval) ? 'day' : 'hour')) : [];
  const firingSpans = useMemo(() => {
    if (!group) return [];
    const spans: Array<[{ xAxis: string }, { xAxis: string }]> = [];
    let start: string | null = null;
    const indexOf = (at: string) => Math.max(0, group.points.findIndex((p) => p.t >= at));
    for (const tr of group.transitions) {
      if (tr.state === 'firing') start = tr.at;
      else if ((tr.state === 'resolved' || tr.state === 'ok') && start) {
        spans.push([{ xAxis: labels[indexOf(start)]! }, { xAxis: labels[indexOf(tr.at)]! }]);
        start = null;
      }
    }
    if (start) spans.push([{ xAxis: labels[indexOf(start)]! }, { xAxis: labels.at(-1)! }]);
    return spans;
  }, [group, labels.join('|')]);
  const option = group
    ? lineOption({
        labels,
        format,
        series: [
          { name: t.rules.valueLine, values: group.points.map((p) => p.value) },
          { name: t.rules.baselineLine, values: group.points.map((p) => p.baseline), dashed: true, color: '#8a93a3' },
        ],
        extra: {},
      })
    : null;
  if (option && firingSpans.length) {
    (option.series as Array<Record<string, unknown>>)[0]!.markArea = { silent: true, itemStyle: { color: 'rgba(179,38,30,0.12)' }, data: firingSpans };
  }
  return (
    <Section title={`${t.rules.backtest}: ${t.rules.firings(props.result.firings)}`} intro={`${fmt.dateTime(props.result.from)} – ${fmt.dateTime(props.result.to)}`}>
      {props.stale && <p class="notice">{t.rules.staleBacktest}</p>}
      {groups.length > 1 && (
        <label>
          {t.rules.previewGroup}
          <select value={chosen ?? ''} onChange={(e) => setChosen((e.target as HTMLSelectElement).value || null)}>
            {groups.map((g) => (
              <option key={g.group ?? ''} value={g.group ?? ''}>
                {g.group ?? t.common.all} ({t.rules.firings(g.firings)})
              </option>
            ))}
          </select>
        </label>
      )}
      {!group ? (
        <Empty />
      ) : (
        <>
          <Chart label={`${t.rules.backtest}: ${group.group ?? t.common.all}`} option={option!} />
          <h3>{t.rules.transitions}</h3>
          {group.transitions.length === 0 ? (
            <Empty>{t.rules.noTransitions}</Empty>
          ) : (
            <div class="table-wrap">
              <table class="transitions">
                <thead>
                  <tr>
                    <th scope="col">{t.common.when}</th>
                    <th scope="col">{t.alerts.state}</th>
                    <th scope="col" class="num">
                      {t.alerts.value}
                    </th>
                    <th scope="col" class="num">
                      {t.alerts.baseline}
                    </th>
                    <th scope="col">{t.alerts.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.transitions.map((tr) => (
                    <tr key={`${tr.at}:${tr.state}`}>
                      <td>{fmt.dateTime(tr.at)}</td>
                      <td>
                        <span class={`badge state-${tr.state}`}>{t.alerts.states[tr.state] ?? tr.state}</span>
                      </td>
                      <td class="num">{format(tr.value)}</td>
                      <td class="num">{format(tr.baseline)}</td>
                      <td>{tr.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
