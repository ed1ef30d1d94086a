#!/usr/bin/env python3
"""XGBoost reference for FinRec (developer-only; not a project dependency, CI does not run it).

Trains a multi:softprob model on the matrices written by bench/gbdt/export.ts (one row per
(example, added product), class = product index: the Kaggle Santander winners' layout) and writes
the test probabilities, with products the customer already holds set to 0, as DIR/test_probs.f32
(nTest x P float32, row-major), for bench/gbdt/score.ts.

    /usr/bin/python3 bench/gbdt/reference.py --dir DIR [--trees 200] [--nthread 2]

Needs Debian's python3-xgboost and python3-numpy (the system interpreter, /usr/bin/python3).
Parameters (sensible defaults, not tuned): 200 boosting rounds, max_depth 6, eta 0.1,
subsample 0.8, colsample_bytree 0.8, min_child_weight 1, tree_method hist, seed 42.
"""
import argparse
import json
import os
import time

import numpy as np
import xgboost as xgb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--trees", type=int, default=200)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--eta", type=float, default=0.1)
    ap.add_argument("--nthread", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    with open(os.path.join(args.dir, "meta.json")) as f:
        meta = json.load(f)
    w, p, n_test = meta["width"], len(meta["products"]), meta["nTest"]
    x = np.fromfile(os.path.join(args.dir, "train_x.f32"), dtype="<f4").reshape(-1, w)
    y = np.fromfile(os.path.join(args.dir, "train_y.i32"), dtype="<i4")
    x_test = np.fromfile(os.path.join(args.dir, "test_x.f32"), dtype="<f4").reshape(n_test, w)
    held = np.fromfile(os.path.join(args.dir, "test_held.u8"), dtype=np.uint8).reshape(n_test, p)
    assert x.shape[0] == y.shape[0] == meta["nTrainRows"]

    params = {
        "objective": "multi:softprob", "num_class": p, "eval_metric": "mlogloss",
        "max_depth": args.depth, "eta": args.eta, "subsample": 0.8, "colsample_bytree": 0.8,
        "min_child_weight": 1, "tree_method": "hist", "seed": args.seed, "nthread": args.nthread,
    }
    dtrain = xgb.DMatrix(x, label=y, nthread=args.nthread)
    t0 = time.perf_counter()
    booster = xgb.train(params, dtrain, num_boost_round=args.trees)
    train_s = time.perf_counter() - t0

    t1 = time.perf_counter()
    probs = booster.predict(xgb.DMatrix(x_test, nthread=args.nthread)).reshape(n_test, p)
    predict_s = time.perf_counter() - t1
    probs[held == 1] = 0.0  # a held product cannot be added (the gate removes it too)
    probs.astype("<f4").tofile(os.path.join(args.dir, "test_probs.f32"))

    shown = {k: v for k, v in params.items() if k not in ("objective", "num_class", "eval_metric")}
    print(f"xgboost {xgb.__version__}: {args.trees} rounds x {p} classes on {x.shape[0]} rows x {w} features; params {json.dumps(shown)}")
    print(f"train {train_s:.1f} s, predict {predict_s:.2f} s for {n_test} test customers")


if __name__ == "__main__":
    main()
