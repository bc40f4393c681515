"""The standard text-classification baseline voc's trained classifier is measured against.

Reads JSON {texts, labels, folds, k, weights?} on stdin, where folds[i] is the fold of row i
(the same assignment voc uses) and weights[i], when given, row i's sample_weight in training,
scaled to a mean of 1 over the training rows as voc scales them (so C keeps its meaning), and writes {predictions, seconds} on stdout: out-of-fold
predictions of TfidfVectorizer() with its defaults (word unigrams, default token pattern)
+ LogisticRegression(max_iter=1000) (C=1, lbfgs), fitted once per fold on the other folds.
`seconds` is the time spent fitting and predicting, without Python's start-up.
"""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def main() -> None:
    data = json.load(sys.stdin)
    texts, labels, folds, k = data["texts"], data["labels"], data["folds"], data["k"]
    weights = data.get("weights")
    predictions = [None] * len(texts)
    started = time.perf_counter()
    for fold in range(k):
        train = [i for i, f in enumerate(folds) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        if not test:
            continue
        model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
        fit_args = {}
        if weights:
            mean = sum(weights[i] for i in train) / len(train) or 1.0
            fit_args["logisticregression__sample_weight"] = [weights[i] / mean for i in train]
        model.fit([texts[i] for i in train], [labels[i] for i in train], **fit_args)
        for i, p in zip(test, model.predict([texts[i] for i in test])):
            predictions[i] = str(p)
    seconds = time.perf_counter() - started
    json.dump({"predictions": predictions, "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
