"""Reference batches for LookbackGeneratorTest and TimeseriesDatasetTest, made with numpy.

The generator below is listing 6.33 of Deep Learning with Python (1st edition) verbatim, plus
the reversed variant of section 6.3.8. It runs on a small synthetic series whose value at
(row r, column c) is r * 100 + c, after np.random.seed(SEED), as a user of the book would.
The second part is the first stage of Keras 3's timeseries_dataset_from_array shuffle:
np.random.RandomState(seed).shuffle(np.arange(0, num_seqs, sequence_stride)).

Run: python3 make_reference.py > reference.json   (numpy 2.4.6 was used)
"""
import json

import numpy as np


def generator(data, lookback, delay, min_index, max_index,
              shuffle=False, batch_size=128, step=6):
    if max_index is None:
        max_index = len(data) - delay - 1
    i = min_index + lookback
    while 1:
        if shuffle:
            rows = np.random.randint(
                min_index + lookback, max_index, size=batch_size)
        else:
            if i + batch_size >= max_index:
                i = min_index + lookback
            rows = np.arange(i, min(i + batch_size, max_index))
            i += len(rows)

        samples = np.zeros((len(rows),
                            lookback // step,
                            data.shape[-1]))
        targets = np.zeros((len(rows),))
        for j, row in enumerate(rows):
            indices = range(rows[j] - lookback, rows[j], step)
            samples[j] = data[indices]
            targets[j] = data[rows[j] + delay][1]
        yield samples, targets


def reverse_order_generator(data, lookback, delay, min_index, max_index,
                            shuffle=False, batch_size=128, step=6):
    for samples, targets in generator(data, lookback, delay, min_index, max_index,
                                      shuffle, batch_size, step):
        yield samples[:, ::-1, :], targets


def series(rows, cols):
    r = np.arange(rows, dtype=np.float64)[:, None]
    c = np.arange(cols, dtype=np.float64)[None, :]
    return r * 100 + c


def take(gen, n):
    out = []
    for _ in range(n):
        s, t = next(gen)
        out.append({"samples": s.tolist(), "targets": t.tolist()})
    return out


data = series(120, 3)
cases = []
for name, seed, kwargs, reverse in [
    ("shuffled", 1234, dict(lookback=12, delay=3, min_index=5, max_index=90, shuffle=True, batch_size=7, step=3), False),
    ("shuffled_reversed", 99, dict(lookback=8, delay=5, min_index=0, max_index=None, shuffle=True, batch_size=5, step=2), True),
    ("ordered", 0, dict(lookback=6, delay=2, min_index=10, max_index=40, shuffle=False, batch_size=8, step=1), False),
]:
    np.random.seed(seed)
    make = reverse_order_generator if reverse else generator
    gen = make(data, **kwargs)
    cases.append({"name": name, "seed": seed, "reverse": reverse, "rows": 120, "cols": 3,
                  **kwargs, "batches": take(gen, 4)})

shuffles = []
for seed, num_seqs, stride in [(123, 6, 1), (7, 81, 3), (42, 1000, 1)]:
    p = np.arange(0, num_seqs, stride, dtype="int32")
    np.random.RandomState(seed).shuffle(p)
    shuffles.append({"seed": seed, "num_seqs": num_seqs, "stride": stride, "positions": p.tolist()})

print(json.dumps({"generator": cases, "dataset_shuffle": shuffles}, separators=(",", ":")))
