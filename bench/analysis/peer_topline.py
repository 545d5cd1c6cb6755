"""Peer benchmark: the same weighted topline with design-based SEs in pandas, for comparison.

Reads the pool exported by bench/analysis/phase.ts (categorical answers, weight, stratum, PSU), tiles it
to N rows exactly as the Node stream cycles it, then for every single-choice question and matrix row
computes weighted shares and their Taylor-linearised SEs for a stratified cluster design (PSUs within
strata, with replacement), the estimator of R's survey package. Prints one JSON line.
Usage: python3 peer_topline.py POOL.csv N [NODE_TOPLINE.json]
"""
import json
import sys
import time

import numpy as np
import pandas as pd


def key(level) -> str:
    """Answer codes as Node prints them: 4 not 4.0 (pandas reads a code column with blanks as float)."""
    if isinstance(level, (bool, np.bool_)):
        return "true" if level else "false"
    if isinstance(level, float) and level.is_integer():
        return str(int(level))
    return str(level)


def topline(df: pd.DataFrame, columns: list[str]) -> dict:
    psu_codes, psus = pd.factorize(df["psu"])
    strata_of_psu = pd.factorize(df.groupby(psu_codes)["stratum"].first())[0]
    n_h = np.bincount(strata_of_psu)
    scale = (n_h / (n_h - 1))[strata_of_psu]
    df = df.assign(_psu=psu_codes)
    out = {}
    for col in columns:
        answered = df[df[col].notna()]
        W = answered["weight"].sum()
        # Weighted count of each answer level in each PSU (rows: PSUs, columns: levels).
        Y = answered.groupby(["_psu", col])["weight"].sum().unstack(fill_value=0.0)
        Y = Y.reindex(range(len(psus)), fill_value=0.0)
        X = Y.sum(axis=1).to_numpy()
        p = Y.sum(axis=0).to_numpy() / W
        t = (Y.to_numpy() - np.outer(X, p)) / W
        # Centre PSU totals within strata, then sum squares with the n_h/(n_h - 1) factor.
        means = pd.DataFrame(t).groupby(strata_of_psu).transform("mean").to_numpy()
        v = (scale[:, None] * (t - means) ** 2).sum(axis=0)
        out[col] = {key(k): (float(p[i]), float(np.sqrt(v[i]))) for i, k in enumerate(Y.columns)}
    return out


def main() -> None:
    path, n = sys.argv[1], int(sys.argv[2])
    t0 = time.perf_counter()
    pool = pd.read_csv(path)
    reps = -(-n // len(pool))
    df = pd.concat([pool] * reps, ignore_index=True).iloc[:n]
    load_ms = (time.perf_counter() - t0) * 1000
    columns = [c for c in df.columns if c not in ("weight", "stratum", "psu")]
    t1, c1 = time.perf_counter(), time.process_time()
    result = topline(df, columns)
    ms = (time.perf_counter() - t1) * 1000
    cpu_ms = (time.process_time() - c1) * 1000
    report = {"peer": f"pandas {pd.__version__}", "n": n, "columns": len(columns), "loadMs": load_ms, "ms": ms, "cpuMs": cpu_ms}
    if len(sys.argv) > 3:
        node = json.load(open(sys.argv[3]))
        diffs = [abs(est[0] - node[col][lvl][0]) for col, lv in result.items() for lvl, est in lv.items() if lvl in node.get(col, {})]
        se_diffs = [abs(est[1] - node[col][lvl][1]) for col, lv in result.items() for lvl, est in lv.items() if lvl in node.get(col, {})]
        report.update({"compared": len(diffs), "maxAbsDiffEstimate": max(diffs), "maxAbsDiffSE": max(se_diffs)})
    print(json.dumps(report))


if __name__ == "__main__":
    main()
