// Pull the cord: frontline staff flag a product defect (POST /v1/defects); at the threshold
// the API raises a high-severity alert at once. Below, the latest flags.
import { useState } from 'preact/hooks';
import { useIssueLabel } from '../components/issues.tsx';
import { Empty, ErrorMessage, Loading, Section } from '../components/ui.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, type Route } from '../router.ts';
import { useSession } from '../session.tsx';

export function DefectsPage(_props: { route: Route }) {
  const { t, fmt } = useI18n();
  const { api, me, can } = useSession();
  const issueLabel = useIssueLabel();
  const [form, setForm] = useState({ text: '', product: '', issue: '', by: me.name });
  const flags = useLoad((signal) => api.defects(signal), []);
  const pull = useAction(async () => {
    const r = await api.pullCord({ text: form.text.trim(), product: form.product.trim(), ...(form.issue.trim() ? { issue: form.issue.trim() } : {}), ...(form.by.trim() ? { by: form.by.trim() } : {}) });
    flags.reload();
    return r;
  });
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const fields = { text: t.defects.text, product: t.defects.product, issue: t.defects.issue, by: t.defects.by, feedbackId: t.defects.text };

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.defects.title}</h1>
        <p class="intro">{t.defects.intro}</p>
      </header>
      <Section title={t.defects.submit}>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void pull.start();
          }}
        >
          <label style={{ display: 'flex' }}>
            {t.defects.text}
            <textarea name="text" rows={3} required maxLength={2000} value={form.text} onInput={set('text')} />
          </label>
          <div class="row">
            <label>
              {t.defects.product}
              <input name="product" required maxLength={256} value={form.product} onInput={set('product')} />
            </label>
            <label>
              {t.defects.issue}
              <input name="issue" maxLength={256} value={form.issue} onInput={set('issue')} placeholder="product_quality.defective" />
            </label>
            <label>
              {t.defects.by}
              <input name="by" maxLength={200} value={form.by} onInput={set('by')} />
            </label>
            <button type="submit" class="danger" disabled={pull.busy}>
              {t.defects.submit}
            </button>
          </div>
          <ErrorMessage error={pull.error} fields={fields} />
          {pull.result && (
            <p class="success" role="status">
              {t.detail.pulled(pull.result.flags, pull.result.threshold, pull.result.alert !== null)}{' '}
              {pull.result.alert && can('alerts:read') && <a href={href('alerts', { state: 'firing' })}>{t.alerts.title}</a>}
            </p>
          )}
        </form>
      </Section>
      <Section title={t.defects.recent}>
        {flags.loading && !flags.data && <Loading />}
        <ErrorMessage error={flags.error} onRetry={flags.reload} />
        {flags.data &&
          (flags.data.flags.length === 0 ? (
            <Empty>{t.defects.none}</Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.common.when}</th>
                    <th scope="col">{t.defects.product}</th>
                    <th scope="col">{t.overview.issue}</th>
                    <th scope="col">{t.defects.text}</th>
                    <th scope="col">{t.common.by}</th>
                  </tr>
                </thead>
                <tbody>
                  {flags.data.flags.map((f) => (
                    <tr key={f.id}>
                      <td>{fmt.dateTime(f.at)}</td>
                      <td>{f.product}</td>
                      <td>{f.issue ? issueLabel(f.issue) : fmt.none}</td>
                      <td>{f.feedbackId && can('feedback:read') ? <a href={href(['feedback', f.feedbackId])}>{f.text.slice(0, 160)}</a> : f.text.slice(0, 160)}</td>
                      <td>{f.by ?? fmt.none}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </Section>
    </div>
  );
}
