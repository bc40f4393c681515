"""scipy's answer to the comparisons voc's significance test makes, for checking voc's own.

Reads JSON {"comparisons": [[x1, n1, x2, n2], ...], "families": [[p, ...], ...]} on stdin
(x1 of n1 items before, x2 of n2 items now, every n positive and x1 + x2 positive) and
writes on stdout {"scipy": version, "p", "low", "high", "low_ppf", "high_ppf": [...], "q": [[...]]}:

p          scipy.stats.binomtest(x2, x1 + x2, n2 / (n1 + n2)).pvalue, the conditional test
           of two Poisson rates;
low, high  .proportion_ci(confidence_level=0.95, method='exact') of that test, turned into
           the rate ratio as odds x n1 / n2; an upper bound of 1 (nothing before) gives null;
low_ppf,   the same Clopper-Pearson bounds in closed form, scipy.stats.beta.ppf, turned into
high_ppf   the rate ratio likewise. proportion_ci finds its bounds with brentq, which stops
           within an absolute 2e-12 of the proportion; near 1 the odds magnify that, so these
           show which of two disagreeing answers the exact interval supports;
q          scipy.stats.false_discovery_control(family, method='bh') for each family.
"""
import json
import sys

import scipy
from scipy import stats


def rate_ratio(proportion: float, scale: float):
    if proportion >= 1:
        return None
    return proportion / (1 - proportion) * scale


def main() -> None:
    if not hasattr(stats, "false_discovery_control"):
        sys.exit(f"scipy {scipy.__version__} has no false_discovery_control (needs scipy 1.11 or later)")
    data = json.load(sys.stdin)
    p, low, high, low_ppf, high_ppf = [], [], [], [], []
    for x1, n1, x2, n2 in data["comparisons"]:
        k, n = x2, x1 + x2
        result = stats.binomtest(k, n, n2 / (n1 + n2))
        ci = result.proportion_ci(confidence_level=0.95, method="exact")
        scale = n1 / n2
        p.append(float(result.pvalue))
        low.append(rate_ratio(float(ci.low), scale))
        high.append(rate_ratio(float(ci.high), scale))
        low_ppf.append(rate_ratio(0.0 if k == 0 else float(stats.beta.ppf(0.025, k, n - k + 1)), scale))
        high_ppf.append(rate_ratio(1.0 if k == n else float(stats.beta.ppf(0.975, k + 1, n - k)), scale))
    q = [[float(v) for v in stats.false_discovery_control(family, method="bh")] if family else [] for family in data["families"]]
    json.dump({"scipy": scipy.__version__, "p": p, "low": low, "high": high, "low_ppf": low_ppf, "high_ppf": high_ppf, "q": q}, sys.stdout)


if __name__ == "__main__":
    main()
