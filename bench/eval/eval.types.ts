// The shape every evaluation in voc reports: one section per dataset and task, one row
// per system measured on the same rows. Shared by the zero-shot and the trained
// evaluations so that `npm run eval` can print them side by side.
export type EvalRow = { system: string; accuracy: number; macroF1: number; docsPerSecond: number; note?: string };
export type EvalSection = { dataset: string; task: string; rows: EvalRow[]; skipped?: string };
