// The tagging pipeline's steps, in order: one home for the processor (new feedback) and
// the scheduler's reprocessing (stored feedback after a taxonomy or model change). Adding
// a step means adding it here (see README, "How to add a processing step").
import type { TextAnalyzer } from '../../core/text/text-analyzer.ts';
import { createKeyphraseExtractor, type KeyphraseExtractor } from '../keyphrases/keyphrases.ts';
import { createSentimentAnalyzer, type SentimentAnalyzer } from '../sentiment/sentiment-analyzer.ts';
import type { InsightProvider } from '../insight-provider.ts';
import { createAnalysisStep } from './analysis.step.ts';
import { createIssuesStep } from './issues.step.ts';
import { createKeyphrasesStep } from './keyphrases.step.ts';
import { createLanguageStep } from './language.step.ts';
import { createNormalizeStep } from './normalize.step.ts';
import { createPiiStep } from './pii.step.ts';
import { createPredictionStep } from './prediction.step.ts';
import { createSentimentStep } from './sentiment.step.ts';
import type { Step } from './step.ts';

export type StepDeps = { analyzer: TextAnalyzer; sentiment: SentimentAnalyzer; keyphrases: KeyphraseExtractor; insight: InsightProvider; pseudonymKey?: Buffer };

/** `pseudonymKey`: the deployment's secret for identifiers holding personal data (see pii.step.ts). */
export function createStepDeps(analyzer: TextAnalyzer, insight: InsightProvider, pseudonymKey?: Buffer): StepDeps {
  return { analyzer, insight, sentiment: createSentimentAnalyzer({ analyzer }), keyphrases: createKeyphraseExtractor({ analyzer }), ...(pseudonymKey ? { pseudonymKey } : {}) };
}

/** Tagging of text that is already normalised and redacted: used again when reprocessing stored documents. */
export function createTaggingSteps(deps: StepDeps): Step[] {
  return [
    createLanguageStep(),
    createAnalysisStep(deps),
    createSentimentStep(deps),
    createIssuesStep(deps),
    createKeyphrasesStep(deps),
    createPredictionStep(deps),
  ];
}

/** The whole pipeline for new feedback: normalise and redact first, then tag. */
export function createSteps(deps: StepDeps): Step[] {
  return [createNormalizeStep(), createPiiStep({ pseudonymKey: deps.pseudonymKey }), ...createTaggingSteps(deps)];
}
