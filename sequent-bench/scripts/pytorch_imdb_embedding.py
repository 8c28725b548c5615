#!/usr/bin/env python3
"""PyTorch (CPU) peer for Sequent's imdb-embedding workload (listings 6.6-6.7), timed the way
../../../shared/bench/torch_workloads.py times W1-W4: warm-up, then BENCH_REPEATS runs of at least
BENCH_BATCHES batches and BENCH_MIN_S seconds each; the median is printed.

Model: Embedding(10000, 8) -> Flatten (20 x 8) -> Linear(160, 1), sigmoid folded into
BCEWithLogitsLoss; RMSprop with Keras's defaults (lr 1e-3, rho 0.9, eps 1e-7); batches of 32
random token ids of length 20 (the book's batch size).

Usage: OMP_NUM_THREADS=2 /usr/bin/python3 pytorch_imdb_embedding.py
"""
import os
import statistics
import time

import torch
import torch.nn as nn

THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
BATCHES = int(os.environ.get("BENCH_BATCHES", "20"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
MIN_S = float(os.environ.get("BENCH_MIN_S", "2"))
BATCH, SEQ, VOCAB, DIM = 32, 20, 10000, 8
torch.set_num_threads(THREADS)
torch.manual_seed(42)


class ImdbEmbedding(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, DIM)
        self.fc = nn.Linear(SEQ * DIM, 1)

    def forward(self, x):
        return self.fc(self.emb(x).reshape(x.shape[0], -1))


def run(step, data):
    t0, i = time.perf_counter(), 0
    while i < WARMUP or time.perf_counter() - t0 < MIN_S / 2:
        step(*data[i % len(data)])
        i += 1
    rates = []
    for _ in range(REPEATS):
        t0, n = time.perf_counter(), 0
        while n < BATCHES or time.perf_counter() - t0 < MIN_S:
            step(*data[n % len(data)])
            n += 1
        rates.append(n * BATCH / (time.perf_counter() - t0))
    return statistics.median(rates), rates


def main():
    g = torch.Generator().manual_seed(1234)
    data = [(torch.randint(0, VOCAB, (BATCH, SEQ), generator=g),
             torch.randint(0, 2, (BATCH, 1), generator=g).float()) for _ in range(4)]
    m = ImdbEmbedding()
    lossf = nn.BCEWithLogitsLoss()
    opt = torch.optim.RMSprop(m.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    nparams = sum(p.numel() for p in m.parameters())

    def train_step(x, y):
        opt.zero_grad(set_to_none=True)
        loss = lossf(m(x), y)
        loss.backward()
        opt.step()

    def infer_step(x, y):
        with torch.inference_mode():
            return torch.sigmoid(m(x))

    for mode, step in (("train", train_step), ("infer", infer_step)):
        m.train(mode == "train")
        med, rates = run(step, data)
        print(f"peer=pytorch workload=imdb-embedding mode={mode} samples_per_s={med:.1f} threads={THREADS} "
              f"batch={BATCH} params={nparams} runs={','.join(f'{r:.1f}' for r in rates)} torch={torch.__version__}",
              flush=True)


if __name__ == "__main__":
    main()
