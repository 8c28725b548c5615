#!/usr/bin/env python3
"""Writes reference.safetensors, the interop fixture SafeTensorsInteropTest reads back.

Plain struct + json, following the format specification of Hugging Face
(https://github.com/huggingface/safetensors#format), so the fixture does not depend on the
Java writer it checks. Like the reference Rust writer, it orders the data by dtype size
(largest first) then by name, lists the header in that order after __metadata__, and pads
the header with spaces to a multiple of 8 bytes.

Run from this folder: python3 make_safetensors.py
If numpy is installed, the file is read back with numpy as a cross-check.
python3 make_safetensors.py --check FILE checks a file written elsewhere (e.g. by Sequent)
against the specification and prints its tensors.
"""
import json
import struct

ITEM = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2}


def bf16(values):
    # bfloat16 is the top half of a float32; the values below are exact in bfloat16.
    out = b""
    for v in values:
        bits = struct.unpack("<I", struct.pack("<f", v))[0]
        assert bits & 0xFFFF == 0, v
        out += struct.pack("<H", bits >> 16)
    return out


def encode(dtype, values):
    if dtype == "F64":
        return struct.pack("<%dd" % len(values), *values)
    if dtype == "F32":
        return struct.pack("<%df" % len(values), *values)
    if dtype == "F16":
        return struct.pack("<%de" % len(values), *values)
    if dtype == "BF16":
        return bf16(values)
    raise ValueError(dtype)


TENSORS = {
    "dense.kernel": ("F32", [2, 3], [0.5, -1.25, 2.0, 3.5, -0.0, 100.0]),
    "dense.bias": ("F32", [3], [1.0, 2.0, 3.0]),
    "scalar": ("F32", [], [42.0]),
    "empty": ("F32", [0, 4], []),
    "half": ("F16", [4], [1.0, -2.5, 0.099975586, 65504.0]),
    "brain": ("BF16", [2, 2], [1.0, -3.0, 0.15625, 256.0]),
    "double": ("F64", [2], [0.1, -1e-5]),
}
METADATA = {"format": "pt", "producer": "make_safetensors.py"}


def main(path="reference.safetensors"):
    order = sorted(TENSORS, key=lambda n: (-ITEM[TENSORS[n][0]], n))
    header = {"__metadata__": METADATA}
    data = b""
    for name in order:
        dtype, shape, values = TENSORS[name]
        blob = encode(dtype, values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)
    print("wrote", path, "with tensors in data order:", ", ".join(order))
    try:
        import numpy as np
    except ImportError:
        return
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    hdr = json.loads(raw[8:8 + n])
    body = raw[8 + n:]
    np_types = {"F64": "<f8", "F32": "<f4", "F16": "<f2"}
    for name, (dtype, shape, values) in TENSORS.items():
        b, e = hdr[name]["data_offsets"]
        if dtype in np_types:
            got = np.frombuffer(body[b:e], dtype=np_types[dtype]).reshape(shape)
            assert np.allclose(got.ravel(), np.array(values, dtype=np_types[dtype])), name
    print("numpy", np.__version__, "reads it back")


def check(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    assert n % 8 == 0, "header not padded to 8"
    hdr = json.loads(raw[8:8 + n].decode("utf-8"))
    body = raw[8 + n:]
    meta = hdr.pop("__metadata__", {})
    spans = sorted((v["data_offsets"], k) for k, v in hdr.items())
    pos = 0
    for (b, e), name in spans:
        info = hdr[name]
        count = 1
        for d in info["shape"]:
            count *= d
        assert b == pos and e - b == count * ITEM[info["dtype"]], name
        pos = e
        values = struct.unpack("<%df" % count, body[b:e]) if info["dtype"] == "F32" else "(not F32)"
        print(name, info["dtype"], info["shape"], values[:6])
    assert pos == len(body), "data section not fully covered"
    print("metadata", meta, "- OK")


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        main()
