// The trends page's tables: the drivers of an outcome (GET /v1/drivers) and the emerging
// themes of the period (GET /v1/themes/emerging).
import type { DriversQuery, PeriodFilters, ThemesQuery } from '../api/client.ts';
import { labelOf } from '../components/issues.tsx';
import { Empty, ErrorMessage, Highlighted, Loading, Section } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

export const OUTCOMES: Array<NonNullable<DriversQuery['outcome']>> = ['nps', 'sentiment', 'csat'];

export function Drivers(props: { filters: PeriodFilters; outcome: NonNullable<DriversQuery['outcome']>; onOutcome(o: string): void }) {
  const { t, fmt, lang } = useI18n();
  const { api } = useSession();
  const q: DriversQuery = { ...props.filters, outcome: props.outcome, limit: 10 };
  const data = useLoad((signal) => api.drivers(q, signal), [JSON.stringify(q)]);
  const points = (v: number | null) => (props.outcome === 'sentiment' ? fmt.signed(v, 3) : fmt.signed(v, 1));
  return (
    <Section
      title={t.trends.drivers}
      intro={t.trends.driversIntro}
      actions={
        <label>
          {t.trends.outcome}
          <select name="outcome" value={props.outcome} onChange={(e) => props.onOutcome((e.target as HTMLSelectElement).value)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t.trends.outcomes[o]}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {data.loading && !data.data && <Loading />}
      <ErrorMessage error={data.error} onRetry={data.reload} />
      {data.data &&
        (data.data.drivers.length === 0 ? (
          <Empty>{t.trends.noDrivers}</Empty>
        ) : (
          <>
            <p class="small muted">
              {t.trends.outcomes[props.outcome]} {points(data.data.overall)} · {t.trends.responses(data.data.responses)}
            </p>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.overview.issue}</th>
                    <th scope="col" class="num">
                      {t.trends.shareResponses}
                    </th>
                    <th scope="col" class="num">
                      {t.trends.with}
                    </th>
                    <th scope="col" class="num">
                      {t.trends.without}
                    </th>
                    <th scope="col" class="num">
                      {t.trends.gain}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.drivers.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">
                        {labelOf(d.label, lang)} {d.smallSample && <span class="badge neutral">{t.trends.smallSample}</span>}
                      </th>
                      <td class="num">{fmt.percent(d.share)}</td>
                      <td class="num">
                        {points(d.with.mean)} <span class="muted small">({fmt.number(d.with.n)})</span>
                      </td>
                      <td class="num">
                        {points(d.without.mean)} <span class="muted small">({fmt.number(d.without.n)})</span>
                      </td>
                      <td class="num">
                        {points(d.gain)}
                        {d.interval && <span class="muted small"> [{points(d.interval[0])}, {points(d.interval[1])}]</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
    </Section>
  );
}

export function Themes(props: { filters: PeriodFilters }) {
  const { t, fmt } = useI18n();
  const { api } = useSession();
  const q: ThemesQuery = { ...props.filters, limit: 15, verbatims: 1 };
  const data = useLoad((signal) => api.themes(q, signal), [JSON.stringify(q)]);
  return (
    <Section title={t.trends.themes} intro={t.trends.themesIntro}>
      {data.loading && !data.data && <Loading />}
      <ErrorMessage error={data.error} onRetry={data.reload} />
      {data.data &&
        (data.data.themes.length === 0 ? (
          <Empty>{t.trends.noThemes}</Empty>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.trends.theme}</th>
                  <th scope="col" class="num">
                    {t.trends.recent}
                  </th>
                  <th scope="col" class="num">
                    {t.trends.baseline}
                  </th>
                  <th scope="col" class="num">
                    {t.trends.ratio}
                  </th>
                  <th scope="col">{t.overview.verbatims}</th>
                </tr>
              </thead>
              <tbody>
                {data.data.themes.map((th) => (
                  <tr key={`${th.kind}:${th.term}`}>
                    <th scope="row">
                      {th.display} {th.new && <span class="badge bad">{t.trends.isNew}</span>}
                    </th>
                    <td class="num">{fmt.number(th.recent)}</td>
                    <td class="num">{fmt.number(th.baseline)}</td>
                    <td class="num">{th.rateRatio === null ? '∞' : `×${fmt.fixed(th.rateRatio, 1)}`}</td>
                    <td>
                      {th.verbatims[0] && (
                        <q>
                          <Highlighted html={th.verbatims[0].highlighted} />
                        </q>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Section>
  );
}
