#!/usr/bin/env python3
"""Checks a .keras file written by Sequent's exporter with libhdf5 (through h5py), not with Java.

    python3 check_keras_export.py MODEL.keras [MODEL.sequent]

Prints the zip entries, metadata.json and the tree of model.weights.h5 (every group and dataset,
its shape, dtype and attributes with their Python types), then checks what Keras 3 relies on when
it loads the file:

  * the HDF5 file opens in libhdf5; the root has no attributes;
  * every `vars` group carries a `name` attribute that h5py reads as a Python str (as Keras wrote it);
  * every layer of config.json has its weights at Keras 3's path (the snake_case class name, with
    _1, _2 for repeats; recurrent cells under cell/, Bidirectional under forward_layer/ and
    backward_layer/), with the shapes Keras 3 creates for that config (derived here from
    config.json alone), as float32;
  * the optimizer group, when compiled: vars/0 an int64 scalar (iterations), vars/1 a float32
    scalar equal to the config's learning rate, then as many slot variables as the optimizer
    keeps (Adam 2 per variable, 3 with amsgrad; RMSprop 1, +1 with momentum, +1 centered; SGD 1
    with momentum), each the shape of its variable;
  * with MODEL.sequent (the model the .keras was exported from): every weight equals, bit for
    bit, the tensor of the same layer and weight name in its model.safetensors, read here with
    numpy from the safetensors layout (an 8-byte header length, a JSON header, raw data).

Needs python3-h5py and numpy (Debian: apt-get install python3-h5py). Exits 1 on the first failed
check, printing it. Keras itself is not needed (and could not be installed where this was written).
"""
import io
import json
import re
import struct
import sys
import zipfile

import h5py
import numpy as np


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


def snake_case(name):
    # Keras's naming.to_snake_case: GlobalMaxPooling1D -> global_max_pooling1d, GRU -> gru
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


def print_tree(f):
    print("model.weights.h5 tree (libhdf5 %s, h5py %s):" % (h5py.version.hdf5_version, h5py.version.version))
    print("  / attrs=%s" % dict(f.attrs))

    def show(name, obj):
        attrs = {k: "%r (%s)" % (v, type(v).__name__) for k, v in obj.attrs.items()}
        if isinstance(obj, h5py.Dataset):
            print("  %s  dataset shape=%s dtype=%s attrs=%s" % (name, obj.shape, obj.dtype, attrs))
        else:
            print("  %s/  group attrs=%s" % (name, attrs))

    f.visititems(show)


def variable_shapes(class_name, config, input_shape):
    """The shapes of a layer's variables, in Keras 3's creation order, from its config and input shape."""
    c = config
    last = input_shape[-1]
    if class_name == "Dense":
        return [(last, c["units"])] + ([(c["units"],)] if c["use_bias"] else [])
    if class_name == "Embedding":
        return [(c["input_dim"], c["output_dim"])]
    if class_name == "Conv1D":
        return [(c["kernel_size"][0], last, c["filters"])] + ([(c["filters"],)] if c["use_bias"] else [])
    u = c.get("units")
    if class_name == "SimpleRNN":
        return [(last, u), (u, u)] + ([(u,)] if c["use_bias"] else [])
    if class_name == "LSTM":
        return [(last, 4 * u), (u, 4 * u)] + ([(4 * u,)] if c["use_bias"] else [])
    if class_name == "GRU":
        bias = (2, 3 * u) if c.get("reset_after", True) else (3 * u,)
        return [(last, 3 * u), (u, 3 * u)] + ([bias] if c["use_bias"] else [])
    return []


def weight_names(class_name):
    """Sequent's safetensors names of a layer's weights, in the same order."""
    return {"Dense": ["kernel", "bias"], "Embedding": ["embeddings"], "Conv1D": ["kernel", "bias"],
            "SimpleRNN": ["kernel", "recurrent_kernel", "bias"], "LSTM": ["kernel", "recurrent_kernel", "bias"],
            "GRU": ["kernel", "recurrent_kernel", "bias"]}.get(class_name, [])


def read_safetensors(sequent_path):
    with zipfile.ZipFile(sequent_path) as z:
        data = z.read("model.safetensors")
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            fail("safetensors %s: dtype %s" % (name, info["dtype"]))
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(data[8 + n + start:8 + n + end], dtype="<f4").reshape(info["shape"])
    return out


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        sys.exit(2)
    keras_path = sys.argv[1]
    reference = read_safetensors(sys.argv[2]) if len(sys.argv) == 3 else None

    with zipfile.ZipFile(keras_path) as z:
        names = z.namelist()
        print("zip entries: " + ", ".join("%s (%s)" % (i.filename, "stored" if i.compress_type == 0 else "deflated")
                                          for i in z.infolist()))
        metadata = json.loads(z.read("metadata.json"))
        config = json.loads(z.read("config.json"))
        weights = z.read("model.weights.h5")
    print("metadata.json: %s" % metadata)
    if names[:3] != ["metadata.json", "config.json", "model.weights.h5"]:
        fail("zip entries should start metadata.json, config.json, model.weights.h5: %s" % names)
    if set(metadata) != {"keras_version", "date_saved"}:
        fail("metadata.json keys: %s" % sorted(metadata))

    f = h5py.File(io.BytesIO(weights), "r")
    print_tree(f)
    if len(f.attrs) != 0:
        fail("the root group has attributes: %s" % dict(f.attrs))

    checked = 0
    vars_groups = []
    f.visititems(lambda name, obj: vars_groups.append(name) if isinstance(obj, h5py.Group) and name.endswith("vars") else None)
    for name in vars_groups:
        value = f[name].attrs.get("name")
        if not isinstance(value, str):
            fail("%s: attribute 'name' should be a str, is %r (%s)" % (name, value, type(value).__name__))

    layers = config["config"]["layers"]
    if layers[0]["class_name"] != "InputLayer":
        fail("config.json: the first layer should be an InputLayer")
    used = {}
    trainable = []
    for entry in layers[1:]:
        cls = entry["class_name"]
        cfg = entry["config"]
        base = snake_case(cls)
        n = used.get(base)
        used[base] = 0 if n is None else n + 1
        path = "layers/" + (base if n is None else "%s_%d" % (base, n + 1))
        if f[path + "/vars"].attrs["name"] != cfg["name"]:
            fail("%s/vars: name %r, config says %r" % (path, f[path + "/vars"].attrs["name"], cfg["name"]))
        input_shape = entry.get("build_config", {}).get("input_shape")
        if cls == "Bidirectional":
            parts = [("forward_layer", cfg["layer"]), ("backward_layer", cfg["backward_layer"])]
            inners = [(path + "/" + side, inner["class_name"], inner["config"], cfg["name"] + "/" + inner["config"]["name"])
                      for side, inner in parts]
        else:
            inners = [(path, cls, cfg, cfg["name"])]
        for group, inner_cls, inner_cfg, sequent_prefix in inners:
            shapes = variable_shapes(inner_cls, inner_cfg, input_shape) if input_shape else []
            vars_path = group + ("/cell/vars" if inner_cls in ("SimpleRNN", "LSTM", "GRU") else "/vars")
            stored = sorted(f[vars_path].keys(), key=int) if vars_path in f else []
            if len(stored) != len(shapes):
                fail("%s: %d variables, Keras creates %d for %s %s" % (vars_path, len(stored), len(shapes), inner_cls, shapes))
            for i, shape in enumerate(shapes):
                d = f["%s/%d" % (vars_path, i)]
                if d.shape != tuple(shape) or d.dtype != np.float32:
                    fail("%s/%d: %s %s, Keras creates %s float32" % (vars_path, i, d.shape, d.dtype, shape))
                if cfg.get("trainable", True):
                    trainable.append(d.shape)
                if reference is not None:
                    key = sequent_prefix + "/" + weight_names(inner_cls)[i]
                    expected = reference.get(key)
                    if expected is None:
                        fail("%s/%d: no tensor %s in the .sequent file" % (vars_path, i, key))
                    if not np.array_equal(expected.view(np.uint32), d[()].view(np.uint32)):
                        fail("%s/%d differs from %s" % (vars_path, i, key))
                checked += 1

    compile_config = config.get("compile_config")
    if compile_config is None:
        if "optimizer" in f:
            fail("an uncompiled model has an optimizer group")
    else:
        opt = compile_config["optimizer"]
        oc = opt["config"]
        if opt["class_name"] == "Adam":
            per_variable = 3 if oc["amsgrad"] else 2
        elif opt["class_name"] == "RMSprop":
            per_variable = 1 + (oc["momentum"] > 0) + bool(oc["centered"])
        elif opt["class_name"] == "SGD":
            per_variable = 1 if oc["momentum"] != 0 else 0
        else:
            fail("unexpected optimizer %s" % opt["class_name"])
        v = f["optimizer/vars"]
        if v["0"].shape != () or v["0"].dtype != np.int64:
            fail("optimizer/vars/0 should be an int64 scalar: %s %s" % (v["0"].shape, v["0"].dtype))
        if v["1"].shape != () or v["1"].dtype != np.float32 or v["1"][()] != np.float32(oc["learning_rate"]):
            fail("optimizer/vars/1 should be the float32 learning rate %r: %r" % (oc["learning_rate"], v["1"][()]))
        if len(v) != 2 + per_variable * len(trainable):
            fail("optimizer/vars holds %d datasets, %s keeps 2 + %d x %d" % (len(v), opt["class_name"], per_variable, len(trainable)))
        slot_shapes = sorted(v[str(i)].shape for i in range(2, len(v)))
        if slot_shapes != sorted(trainable * per_variable):
            fail("optimizer slot shapes %s do not match the trainable variables" % slot_shapes)
        print("optimizer: %s, iterations %d, learning rate %r, %d slot variables" % (
            opt["class_name"], v["0"][()], float(v["1"][()]), len(v) - 2))

    assets = [n for n in names if n.startswith("assets/")]
    for a in assets:
        print("asset %s: %d lines" % (a, len(zipfile.ZipFile(keras_path).read(a).decode("utf-8").split("\n"))))
    print("OK: %d weight datasets at Keras 3's paths with Keras 3's shapes%s; %d vars groups named with a str"
          % (checked, ", equal bit for bit to %s" % sys.argv[2] if reference is not None else "", len(vars_groups)))


if __name__ == "__main__":
    main()
