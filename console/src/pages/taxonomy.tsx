// The issue taxonomy for CX leads: edit it (JSON), see how the tags of recent feedback
// would change (POST /v1/taxonomy/dry-run) before it may be saved as the next version, then
// re-tag stored feedback and follow the job.
import { useEffect, useState } from 'preact/hooks';
import type { DryRunResult, ReprocessJob, Taxonomy } from '../api/types.ts';
import { useIssueLabel } from '../components/issues.tsx';
import { Empty, ErrorMessage, Loading, Section } from '../components/ui.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, type Route } from '../router.ts';
import { useSession } from '../session.tsx';

export function TaxonomyPage(_props: { route: Route }) {
  const { t } = useI18n();
  const { api } = useSession();
  const active = useLoad((signal) => api.taxonomy(signal), []);
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.taxonomy.title}</h1>
        <p class="intro">{t.taxonomy.intro}</p>
      </header>
      {active.loading && <Loading />}
      <ErrorMessage error={active.error} onRetry={active.reload} />
      {active.data && <Editor version={active.data.version} taxonomy={active.data.taxonomy} />}
    </div>
  );
}

function Editor(props: { version: string; taxonomy: Taxonomy }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [version, setVersion] = useState(props.version);
  const [text, setText] = useState(() => JSON.stringify(props.taxonomy, null, 2));
  const [last, setLast] = useState(200);
  const [preview, setPreview] = useState<{ text: string; result: DryRunResult } | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const previewed = preview?.text === text;

  const dryRun = useAction(async () => {
    const taxonomy = JSON.parse(text) as Taxonomy;
    const result = await api.dryRunTaxonomy(taxonomy, last);
    setPreview({ text, result });
    return result;
  });
  const save = useAction(async () => {
    const saved = await api.saveTaxonomy(JSON.parse(text) as Taxonomy);
    setVersion(saved.version);
    const next = JSON.stringify(saved.taxonomy, null, 2);
    setText(next);
    setPreview(null);
    return saved;
  });
  const reprocess = useAction(async () => {
    const started = await api.reprocess();
    setJob(started.jobId);
    return started;
  });
  const fields = { '(body)': t.taxonomy.editor, taxonomy: t.taxonomy.editor, last: t.taxonomy.last };

  return (
    <>
      <Section title={t.taxonomy.editor} intro={t.taxonomy.active(version)}>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void dryRun.start();
          }}
        >
          <label style={{ display: 'flex' }}>
            <span class="visually-hidden">{t.taxonomy.editor}</span>
            <textarea name="taxonomy" rows={22} spellcheck={false} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          </label>
          <div class="row">
            <label>
              {t.taxonomy.last}
              <input type="number" name="last" min={1} max={5000} value={last} onInput={(e) => setLast(Math.max(1, Math.min(5000, Number((e.target as HTMLInputElement).value) || 200)))} size={5} />
            </label>
            <button type="submit" disabled={dryRun.busy}>
              {t.taxonomy.dryRun}
            </button>
            <button type="button" class="primary" disabled={!previewed || save.busy} onClick={() => void save.start()}>
              {t.taxonomy.save}
            </button>
          </div>
          {!previewed && <p class="small muted">{t.taxonomy.needsDryRun}</p>}
          <ErrorMessage error={dryRun.error ?? save.error} fields={fields} />
          {save.result && (
            <div class="success row" role="status">
              <span>{t.taxonomy.saved(save.result.version)}</span>
              <button type="button" disabled={reprocess.busy || job !== null} onClick={() => void reprocess.start()}>
                {t.taxonomy.reprocess}
              </button>
            </div>
          )}
          <ErrorMessage error={reprocess.error} />
          {job && <JobProgress jobId={job} />}
        </form>
      </Section>
      {dryRun.busy && <Loading />}
      {preview && <DryRun result={preview.result} />}
    </>
  );
}

function DryRun(props: { result: DryRunResult }) {
  const { t, fmt } = useI18n();
  const { can } = useSession();
  const issueLabel = useIssueLabel();
  const r = props.result;
  const totals = r.totals.filter((x) => x.added + x.removed > 0);
  return (
    <Section title={t.taxonomy.dryRun} intro={`${r.from} → ${r.to} · ${t.taxonomy.documents(r.documents)} · ${t.taxonomy.changedItems(r.changed.length)}`}>
      {totals.length === 0 ? (
        <Empty>{t.taxonomy.nothingChanges}</Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table class="dry-run">
              <thead>
                <tr>
                  <th scope="col">{t.taxonomy.issue}</th>
                  <th scope="col" class="num">
                    {t.taxonomy.before}
                  </th>
                  <th scope="col" class="num">
                    {t.taxonomy.after}
                  </th>
                  <th scope="col" class="num">
                    {t.taxonomy.added}
                  </th>
                  <th scope="col" class="num">
                    {t.taxonomy.removed}
                  </th>
                </tr>
              </thead>
              <tbody>
                {totals.map((x) => (
                  <tr key={x.issue}>
                    <th scope="row">
                      {issueLabel(x.issue)} <span class="small muted">{x.issue}</span>
                    </th>
                    <td class="num">{fmt.number(x.before)}</td>
                    <td class="num">{fmt.number(x.after)}</td>
                    <td class="num">{x.added ? `+${fmt.number(x.added)}` : '0'}</td>
                    <td class="num">{x.removed ? `−${fmt.number(x.removed)}` : '0'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details>
            <summary>{t.taxonomy.changedItems(r.changed.length)}</summary>
            <ul>
              {r.changed.slice(0, 200).map((c) => (
                <li key={c.id}>
                  {can('feedback:read') ? <a href={href(['feedback', c.id])}>{c.id.slice(0, 10)}…</a> : `${c.id.slice(0, 10)}…`}{' '}
                  {c.added.map((i) => (
                    <span key={`+${i}`} class="badge good">
                      + {issueLabel(i)}
                    </span>
                  ))}{' '}
                  {c.removed.map((i) => (
                    <span key={`-${i}`} class="badge bad">
                      − {issueLabel(i)}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </Section>
  );
}

function JobProgress(props: { jobId: string }) {
  const { t, fmt } = useI18n();
  const { api } = useSession();
  const [job, setJob] = useState<ReprocessJob | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    let timer: number | undefined;
    let live = true;
    const poll = async () => {
      try {
        const j = await api.reprocessJob(props.jobId);
        if (!live) return;
        setJob(j);
        if (j.state !== 'completed' && j.state !== 'failed') timer = window.setTimeout(poll, 2000);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [props.jobId]);
  const progress = typeof job?.progress === 'object' ? job.progress : undefined;
  const percent = progress?.percent !== undefined ? fmt.percent(progress.percent / 100, 0) : typeof job?.progress === 'number' ? fmt.percent(job.progress / 100, 0) : fmt.none;
  return (
    <>
      <p role="status" aria-live="polite">
        {t.taxonomy.job(job?.state ?? '…', percent)}
        {job?.failedReason && ` — ${job.failedReason}`}
      </p>
      <ErrorMessage error={error} />
    </>
  );
}
