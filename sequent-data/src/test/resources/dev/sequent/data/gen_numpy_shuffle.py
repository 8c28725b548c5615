#!/usr/bin/env python3
"""Writes numpy_random_state_expected.txt, the reference for NumpyRandomStateTest.

Run from this folder: python3 gen_numpy_shuffle.py > numpy_random_state_expected.txt
Each line is: <kind> <seed> <n> : <values...>
  uint32    first n raw 32-bit outputs (randint over the full uint32 range draws one each)
  sample    first n random_sample() values, repr() so they round-trip exactly
  shuffle   arange(n) after rng.shuffle
  imdb      Keras's load_data order: shuffle arange(n) for train, then the same rng for
            test; values are head(20) + tail(20) + sum(i * idx[i]) for train, then test
"""
import numpy as np

print("# numpy", np.__version__)
for seed in (0, 1, 113, 5489, 4294967295):
    rng = np.random.RandomState(seed)
    v = rng.randint(0, 2**32, size=8, dtype=np.uint64)
    print("uint32", seed, 8, ":", " ".join(str(int(x)) for x in v))
for seed in (0, 113):
    rng = np.random.RandomState(seed)
    print("sample", seed, 5, ":", " ".join(repr(float(rng.random_sample())) for _ in range(5)))
for seed, n in ((113, 1), (113, 2), (113, 10), (7, 17), (113, 1000)):
    rng = np.random.RandomState(seed)
    idx = np.arange(n)
    rng.shuffle(idx)
    print("shuffle", seed, n, ":", " ".join(str(int(x)) for x in idx))
rng = np.random.RandomState(113)
parts = []
for _ in range(2):
    idx = np.arange(25000)
    rng.shuffle(idx)
    checksum = int(sum(i * int(x) for i, x in enumerate(idx)))
    parts += [int(x) for x in idx[:20]] + [int(x) for x in idx[-20:]] + [checksum]
print("imdb", 113, 25000, ":", " ".join(str(x) for x in parts))
