// Issue ids (delivery.late) in the reader's language, from the active taxonomy, loaded once
// per signed-in client. Without taxonomy:read the id itself is shown.
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import type { Label } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

const cache = new WeakMap<Api, Promise<Map<string, Label>>>();

function labels(api: Api): Promise<Map<string, Label>> {
  let p = cache.get(api);
  if (!p) {
    p = api.taxonomy().then(
      (a) => new Map(a.taxonomy.categories.flatMap((c) => [[c.id, c.label] as [string, Label], ...c.issues.map((i) => [`${c.id}.${i.id}`, i.label] as [string, Label])])),
      () => new Map<string, Label>(),
    );
    cache.set(api, p);
  }
  return p;
}

export function useIssueLabel(): (id: string) => string {
  const { api, can } = useSession();
  const { lang } = useI18n();
  const [map, setMap] = useState<Map<string, Label>>(new Map());
  useEffect(() => {
    if (!can('taxonomy:read')) return;
    let live = true;
    void labels(api).then((m) => live && setMap(m));
    return () => {
      live = false;
    };
  }, [api]);
  return (id: string) => {
    const l = map.get(id);
    return l ? ((lang === 'zh' ? l.zh : undefined) ?? l.en) : id;
  };
}

export function labelOf(label: Label, lang: string): string {
  return (lang === 'zh' ? label.zh : undefined) ?? label.en;
}
