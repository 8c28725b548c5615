#!/usr/bin/env python3
"""Reference outputs for sequent-keras's import tests: an independent numpy forward pass over
Keras files of shared/keras-models, reading their weights with h5py (no Keras, no TensorFlow).

For each model below it draws a fixed input (numpy seed 42), runs the model's layers in numpy
from the file's config and weights, and writes <name>.json into
src/test/resources/dev/sequent/keras/reference/: the file name, the input (shape and values),
the output (shape and values, float32 computed in float64). KerasReferenceTest feeds the same
input to the model Sequent imports and compares.

Formulas follow Keras: LSTM gates i, f, c, o; GRU gates z, r, h with reset_after both ways;
Keras 2's hard_sigmoid clip(0.2x + 0.5, 0, 1) and Keras 3's clip(x/6 + 0.5, 0, 1); Bidirectional
runs a second copy over the reversed sequence and concatenates.

Run from the repository root:  /usr/bin/python3 sequent-keras/scripts/keras_reference.py [shared/keras-models]
(needs numpy and h5py: apt-get install -y python3-h5py)
"""
import io
import json
import os
import re
import sys
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "test", "resources", "dev", "sequent", "keras", "reference")


def find_models():
    if len(sys.argv) > 1:
        return sys.argv[1]
    d = os.getcwd()
    while True:
        c = os.path.join(d, "shared", "keras-models")
        if os.path.isdir(c):
            return c
        if os.path.dirname(d) == d:
            sys.exit("no shared/keras-models found; pass its path")
        d = os.path.dirname(d)


def text(v):
    return v.decode() if isinstance(v, bytes) else v


def open_model(path):
    """(config root, keras version, h5 root, layout) for a .keras zip or a legacy .h5 model."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head[:4] == b"PK\x03\x04":
        z = zipfile.ZipFile(path)
        cfg = json.loads(z.read("config.json"))
        meta = json.loads(z.read("metadata.json"))
        h5 = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
        return cfg, meta["keras_version"], h5, "keras3"
    h5 = h5py.File(path, "r")
    cfg = json.loads(text(h5.attrs["model_config"]))
    return cfg, text(h5.attrs["keras_version"]), h5["model_weights"], "legacy"


def layer_entries(cfg):
    c = cfg["config"]
    layers = c if isinstance(c, list) else c["layers"]
    return [l for l in layers if l["class_name"] != "InputLayer"]


def snake(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name)
    return name.lower()


def weights_keras3(h5, entries):
    """Per layer: list of arrays (Bidirectional: (forward list, backward list))."""
    counts, out = {}, []
    for e in entries:
        base = snake(e["class_name"])
        n = counts.get(base, 0)
        counts[base] = n + 1
        g = h5["layers"][base if n == 0 else "%s_%d" % (base, n)]

        def vars_of(grp):
            if "vars" not in grp:
                return []
            v = grp["vars"]
            return [np.array(v[str(i)], dtype=np.float64) for i in range(len(v))]

        if e["class_name"] == "Bidirectional":
            out.append((vars_of(g["forward_layer"]["cell"]), vars_of(g["backward_layer"]["cell"])))
        elif e["class_name"] in ("SimpleRNN", "LSTM", "GRU"):
            out.append(vars_of(g["cell"]))
        else:
            out.append(vars_of(g))
    return out


def weights_legacy(mw, entries):
    order = ["kernel", "recurrent_kernel", "bias", "embeddings"]
    out = []
    for e in entries:
        name = e["config"]["name"]
        if name not in mw:
            out.append([])
            continue
        g = mw[name]
        names = [text(n) for n in g.attrs["weight_names"]]

        def pick(prefix):
            sel = [n for n in names if prefix is None or any(p.startswith(prefix) for p in n.split("/"))]
            key = lambda n: order.index(n.split("/")[-1].replace(":0", ""))
            return [np.array(g[n], dtype=np.float64) for n in sorted(sel, key=key)]

        if e["class_name"] == "Bidirectional":
            out.append((pick("forward_"), pick("backward_")))
        else:
            out.append(pick(None))
    return out


def activation(name, keras2):
    if name in (None, "linear"):
        return lambda x: x
    if name == "relu":
        return lambda x: np.maximum(x, 0)
    if name == "tanh":
        return np.tanh
    if name == "sigmoid":
        return lambda x: 1 / (1 + np.exp(-x))
    if name == "softmax":
        def sm(x):
            e = np.exp(x - x.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1, keepdims=True)
        return sm
    if name == "hard_sigmoid":
        slope = 0.2 if keras2 else 1.0 / 6.0
        return lambda x: np.clip(slope * x + 0.5, 0, 1)
    raise ValueError(name)


def rnn(cls, c, w, x, keras2, backwards=False):
    """x (batch, time, in) -> (batch, units) or (batch, time, units)."""
    units = c["units"]
    act = activation(c.get("activation", "tanh"), keras2)
    ract = activation(c.get("recurrent_activation", "hard_sigmoid" if keras2 else "sigmoid"), keras2)
    kernel, rec = w[0], w[1]
    bias = w[2] if len(w) > 2 else None
    b, t, _ = x.shape
    h = np.zeros((b, units))
    cstate = np.zeros((b, units))
    steps = range(t - 1, -1, -1) if (backwards != bool(c.get("go_backwards", False))) else range(t)
    outs = []
    reset_after = c.get("reset_after", not keras2)
    for s in steps:
        xt = x[:, s, :]
        if cls == "SimpleRNN":
            h = act(xt @ kernel + h @ rec + (bias if bias is not None else 0))
        elif cls == "LSTM":
            z = xt @ kernel + h @ rec + (bias if bias is not None else 0)
            i, f, g, o = (z[:, k * units:(k + 1) * units] for k in range(4))
            cstate = ract(f) * cstate + ract(i) * act(g)
            h = ract(o) * act(cstate)
        else:  # GRU
            if reset_after:
                bx = bias[0] if bias is not None else 0
                bh = bias[1] if bias is not None else 0
                xz = xt @ kernel + bx
                hz = h @ rec + bh
                z = ract(xz[:, :units] + hz[:, :units])
                r = ract(xz[:, units:2 * units] + hz[:, units:2 * units])
                hh = act(xz[:, 2 * units:] + r * hz[:, 2 * units:])
            else:
                bb = bias if bias is not None else np.zeros(3 * units)
                xz = xt @ kernel + bb
                z = ract(xz[:, :units] + h @ rec[:, :units])
                r = ract(xz[:, units:2 * units] + h @ rec[:, units:2 * units])
                hh = act(xz[:, 2 * units:] + (r * h) @ rec[:, 2 * units:])
            h = z * h + (1 - z) * hh
        outs.append(h)
    if c.get("return_sequences", False):
        return np.stack(outs, axis=1)
    return h


def forward(entries, weights, x, keras2):
    for e, w in zip(entries, weights):
        cls, c = e["class_name"], e["config"]
        if cls == "Embedding":
            x = w[0][x.astype(np.int64)]
        elif cls == "Dense":
            x = activation(c.get("activation"), keras2)(x @ w[0] + (w[1] if len(w) > 1 else 0))
        elif cls == "Conv1D":
            k = w[0]
            ks = k.shape[0]
            stride = c["strides"][0] if isinstance(c["strides"], list) else c["strides"]
            assert c.get("padding", "valid") == "valid"
            n = (x.shape[1] - ks) // stride + 1
            y = np.stack([np.einsum("bki,kio->bo", x[:, j * stride:j * stride + ks, :], k) for j in range(n)], axis=1)
            x = activation(c.get("activation"), keras2)(y + (w[1] if len(w) > 1 else 0))
        elif cls in ("MaxPooling1D", "AveragePooling1D"):
            p = c["pool_size"][0] if isinstance(c["pool_size"], list) else c["pool_size"]
            s = c.get("strides") or p
            s = s[0] if isinstance(s, list) else s
            n = (x.shape[1] - p) // s + 1
            red = np.max if cls == "MaxPooling1D" else np.mean
            x = np.stack([red(x[:, j * s:j * s + p, :], axis=1) for j in range(n)], axis=1)
        elif cls == "GlobalMaxPooling1D":
            x = x.max(axis=1)
        elif cls == "GlobalAveragePooling1D":
            x = x.mean(axis=1)
        elif cls == "Flatten":
            x = x.reshape(x.shape[0], -1)
        elif cls == "Dropout":
            pass
        elif cls in ("SimpleRNN", "LSTM", "GRU"):
            x = rnn(cls, c, w, x, keras2)
        elif cls == "Bidirectional":
            inner = c["layer"]
            f = rnn(inner["class_name"], inner["config"], w[0], x, keras2)
            b = rnn(inner["class_name"], inner["config"], w[1], x, keras2, backwards=True)
            if inner["config"].get("return_sequences", False):
                b = b[:, ::-1, :]
            assert c.get("merge_mode", "concat") == "concat"
            x = np.concatenate([f, b], axis=-1)
        else:
            raise ValueError(cls)
    return x


# file, batch, time steps (for models whose config leaves time open), token-id bound (for Embedding inputs)
CASES = [
    ("k3_jena_lstm_book.keras", 2, None),
    ("k3_jena_rnn_simplernn.keras", 2, None),
    ("k3_jena_gru_stacked.keras", 2, None),
    ("k3_seq_embedding_gru.keras", 2, None),
    ("k3_seq_bilstm.keras", 3, None),
    ("k3_seq_bigru3.keras", 2, None),
    ("k3_jena_conv_maxpool.keras", 2, None),
    ("k3_seq_embedding_conv1d_gmp.keras", 2, None),
    ("tfk215_jena_stacked_gru_dropout.keras", 2, None),
    ("tfk22_embedding_gru_resetbefore.h5", 3, 30),
    ("tfk22_embedding_bigru_resetbefore.h5", 3, 30),
    ("tfk213_gru3_resetafter.h5", 3, None),
    ("k2_bidirectional_lstm.h5", 3, None),
    ("k2_embedding_lstm.h5", 3, None),
    ("k2_simple_lstm_model.h5", 4, None),
    ("k3legacy_embedding_gru.h5", 2, None),
    ("k3legacy_embedding_conv1d_maxpool_simplernn.h5", 2, None),
]


def input_shape(cfg):
    c = cfg["config"]
    layers = c if isinstance(c, list) else c["layers"]
    first = layers[0]["config"]
    shape = first.get("batch_shape") or first.get("batch_input_shape")
    return shape[1:]


def main():
    models = find_models()
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(42)
    for name, batch, steps in CASES:
        cfg, version, h5, layout = open_model(os.path.join(models, name))
        keras2 = version.startswith("2.") or version.startswith("1.")
        entries = layer_entries(cfg)
        weights = weights_keras3(h5, entries) if layout == "keras3" else weights_legacy(h5, entries)
        shape = [steps if d is None else d for d in input_shape(cfg)]
        if entries[0]["class_name"] == "Embedding":
            x = rng.integers(0, entries[0]["config"]["input_dim"], size=[batch] + shape).astype(np.float64)
        else:
            # multiples of 1/64 in [-1, 1]: exact in float32 and short in JSON
            x = rng.integers(-64, 65, size=[batch] + shape) / 64.0
        y = forward(entries, weights, x, keras2)
        out = {"file": name, "keras_version": version,
               "input_shape": list(x.shape), "input": [float(v) for v in x.ravel()],
               "output_shape": list(y.shape), "output": [float(np.float32(v)) for v in y.ravel()]}
        with open(os.path.join(OUT, name.replace(".", "_") + ".json"), "w") as f:
            json.dump(out, f)
        print("%-48s input %s output %s" % (name, list(x.shape), list(y.shape)))


if __name__ == "__main__":
    main()
