// The fields of the alert index (`<prefix>.alerts`, see alerts/live/alerts-index.ts) the
// dashboards query, grouped by mapping like feedback-fields.ts. The dashboards may not
// import alerts/, so the names are listed here; the integration test finds each of them,
// with this type, in the mapping of a real alert index.

export const alertKeywordFields = ['kind', 'id', 'ruleId', 'ruleName', 'group', 'state', 'severity', 'product', 'issue', 'feedbackId', 'by', 'ackBy'] as const;
export const alertNumericFields = ['value', 'baseline', 'ackSeconds'] as const;
export const alertDateFields = ['at', 'recordedAt', 'ackAt'] as const;
/** Analysed text: shown, never aggregated. */
export const alertTextFields = ['reason', 'text'] as const;

export type AlertKeywordField = (typeof alertKeywordFields)[number];
export type AlertNumericField = (typeof alertNumericFields)[number];
export type AlertDateField = (typeof alertDateFields)[number];
export type AlertTextField = (typeof alertTextFields)[number];

/** The alerts datasource's time field: when a transition happened, when a flag was raised. */
export const ALERT_TIME_FIELD = 'at' satisfies AlertDateField;

/** Transitions into firing: one per alert raised. */
export const firingAlerts = 'kind:"transition" AND state:"firing"';
/** Defect flags ("pull the cord"). */
export const defectFlags = 'kind:"flag"';

export const allAlertFields: ReadonlySet<string> = new Set<string>([...alertKeywordFields, ...alertNumericFields, ...alertDateFields, ...alertTextFields]);

/**
 * An annotation query of an Elasticsearch datasource: events from the documents that match
 * `target.query`, at `timeField`, with text and tags read from their fields.
 */
export type AnnotationJson = {
  name: string;
  datasource: { type: 'elasticsearch'; uid: string };
  enable: boolean;
  hide: boolean;
  iconColor: string;
  target: { refId: string; query: string };
  timeField: string;
  textField: string;
  tagsField: string;
};

/** Every alert fired, as an annotation on the time graphs of a dashboard. */
export function alertAnnotation(alerts: { uid: string }): AnnotationJson {
  return {
    name: 'Alerts fired',
    datasource: { type: 'elasticsearch', uid: alerts.uid },
    enable: true,
    hide: false,
    iconColor: 'red',
    target: { refId: 'Anno', query: firingAlerts },
    timeField: ALERT_TIME_FIELD,
    textField: 'reason',
    tagsField: 'severity',
  };
}
