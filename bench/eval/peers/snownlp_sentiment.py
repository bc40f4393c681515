"""SnowNLP's sentiment probability for each text, as a peer for voc's Chinese sentiment.

Reads {"texts": [...]} on stdin, writes {"scores": [...], "seconds": s} on stdout, where a
score is P(positive) in [0, 1] and seconds is the time spent in SnowNLP alone (model
loading excluded), so docs/s compares analysis with analysis.
"""
import json
import sys
import time

from snownlp import SnowNLP


def main() -> None:
    texts = json.load(sys.stdin)["texts"]
    SnowNLP("预热").sentiments  # loads the model before timing
    started = time.perf_counter()
    scores = []
    for text in texts:
        # SnowNLP fails on empty input; an empty review carries no opinion.
        scores.append(SnowNLP(text).sentiments if text.strip() else 0.5)
    seconds = time.perf_counter() - started
    json.dump({"scores": scores, "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
