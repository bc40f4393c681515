// What a metric reports for a bucket, and the part of an Elasticsearch aggregation bucket
// its reader looks at. `n` is what the figure stands on (items, responses or customers).
export type Figure = { value: number | null; n: number; approximate?: true };

export type AggBucket = { doc_count: number } & Record<string, unknown>;
