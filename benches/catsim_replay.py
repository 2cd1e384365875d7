"""catsim 0.21.0 on the frozen inputs, driven by the shared uniform draws (the logic of
replay_catsim.py in the shared bench folder, which writes into that folder; this one writes the
trace where it is told). Response of examinee i to item j is correct iff P_j(theta_i) >= U[i,j].

usage: catsim_replay.py INPUT_DIR TRACE_OUT.csv  -> prints {"seconds": ..., "examinees": ...}"""
import csv
import json
import sys
import time

import numpy as np
from catsim import irt
from catsim.estimation import NumericalSearchEstimator
from catsim.item_bank import ItemBank
from catsim.selection import MaxInfoSelector
from catsim.stopping import MinErrorStopper

inputs, trace_out = sys.argv[1], sys.argv[2]
items = np.loadtxt(f"{inputs}/bank_2PL.csv", delimiter=",", skiprows=1)
thetas = np.loadtxt(f"{inputs}/examinees.csv", delimiter=",", skiprows=1)
U = np.loadtxt(f"{inputs}/uniforms.csv", delimiter=",")

bank = ItemBank(items)
sel, est, stop = MaxInfoSelector(), NumericalSearchEstimator(), MinErrorStopper(0.3, max_items=30)
t0 = time.perf_counter()
rows = []
for i, th in enumerate(thetas):
    adm, resp, theta_hat = [], [], 0.0
    while not stop.stop(_item_bank=bank, administered_items=bank.get_items(adm), theta=theta_hat):
        j = int(sel.select(item_bank=bank, administered_items=adm, est_theta=theta_hat))
        a, b, c, d = items[j]
        resp.append(bool(irt.icc(th, a, b, c, d) >= U[i, j]))
        adm.append(j)
        theta_hat = float(est.estimate(item_bank=bank, administered_items=adm, response_vector=resp, est_theta=theta_hat))
    se = irt.see(theta_hat, bank.get_items(adm))
    rows.append([i, th, theta_hat, se, len(adm), " ".join(map(str, adm)), "".join("1" if r else "0" for r in resp)])
seconds = time.perf_counter() - t0
with open(trace_out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["examinee", "true_theta", "est_theta", "se", "n_items", "items", "responses"])
    w.writerows(rows)
print(json.dumps({"seconds": round(seconds, 3), "examinees": len(thetas)}))
