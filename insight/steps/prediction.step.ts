// The trained model's prediction (MODEL_FILE, written by `voc train`), stored beside the
// rule-based tags so that both can be compared and the model's version is on record.
import type { InsightProvider } from '../insight-provider.ts';
import { ok, type Step } from './step.ts';
import { copyDoc, withDoc } from './enrich-item.ts';

export function createPredictionStep(deps: { insight: InsightProvider }): Step {
  return {
    name: 'prediction',
    process(items) {
      const model = deps.insight.model();
      if (!model) return items.map((item) => ok(item));
      return items.map((item) => {
        const doc = copyDoc(item);
        doc.prediction = model.predict(doc.text);
        doc.modelVersion = model.modelVersion;
        return ok(withDoc(item, doc));
      });
    },
  };
}
