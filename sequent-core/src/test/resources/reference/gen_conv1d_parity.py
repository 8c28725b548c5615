#!/usr/bin/env python3
"""Reference for Conv1DParityTest: Keras's Conv1D forward and backward, computed in float64 with
PyTorch's torch.nn.functional.conv1d and autograd.

Keras layout: input (batch, steps, channels), kernel (kernel_size, channels, filters), bias
(filters,). PyTorch: input (batch, channels, steps), weight (filters, channels, kernel_size).
So x_torch = x.permute(0, 2, 1) and weight = kernel.permute(2, 1, 0); the output comes back
permuted to (batch, new_steps, filters) and the weight gradient to Keras's layout.

Padding: "valid" is conv1d with padding=0 (the main parity cases). "same" and "causal" pad
explicitly with F.pad before a valid conv1d: causal puts dilation*(kernel_size-1) zeros on the
left; same pads total = max((out-1)*strides + dilation*(kernel_size-1) + 1 - steps, 0) with
out = ceil(steps/strides), total//2 on the left and the rest on the right (TF's split).
PyTorch's own padding="same" (stride 1 only) is checked against the explicit split below.

Each case draws x, kernel, bias and a fixed random R, takes loss = sum(act(conv(x)) * R) and
back-propagates: R is the gradient arriving at the layer's output (gradOutput in Sequent).
The JSON holds x, kernel, bias, R, the output y and dX, dKernel, dBias.

Run: /usr/bin/python3 gen_conv1d_parity.py > conv1d_parity.json
"""
import json
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(20261126)

CASES = [
    # name, batch, steps, channels, filters, kernel_size, strides, padding, dilation, activation
    ("valid", 3, 9, 4, 5, 3, 1, "valid", 1, "linear"),
    ("valid_strides2", 2, 10, 3, 4, 3, 2, "valid", 1, "linear"),
    ("valid_strides3_k4", 2, 11, 3, 2, 4, 3, "valid", 1, "linear"),
    ("valid_dilation2", 2, 12, 3, 4, 3, 1, "valid", 2, "tanh"),
    ("valid_k1", 2, 5, 6, 3, 1, 1, "valid", 1, "sigmoid"),
    ("same_k4_strides2", 2, 9, 3, 4, 4, 2, "same", 1, "linear"),
    ("same_dilation3", 2, 8, 3, 2, 3, 1, "same", 3, "tanh"),
    ("causal_dilation2", 2, 7, 3, 4, 3, 1, "causal", 2, "linear"),
    ("causal_strides2", 2, 8, 2, 3, 3, 2, "causal", 1, "linear"),
]


def rand(*shape):
    return torch.rand(*shape, generator=GEN) * 2 - 1


def pads(steps, k, s, padding, d):
    span = d * (k - 1)
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return span, 0
    out = math.ceil(steps / s)
    total = max((out - 1) * s + span + 1 - steps, 0)
    return total // 2, total - total // 2


def act(name, z):
    return {"linear": lambda v: v, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[name](z)


def enc(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def run(case):
    name, b, steps, c, f, k, s, padding, d, activation = case
    x = rand(b, steps, c).requires_grad_()
    kernel = rand(k, c, f).requires_grad_()
    bias = rand(f).requires_grad_()
    left, right = pads(steps, k, s, padding, d)
    xt = F.pad(x.permute(0, 2, 1), (left, right))
    z = F.conv1d(xt, kernel.permute(2, 1, 0), bias, stride=s, dilation=d)
    y = act(activation, z).permute(0, 2, 1)
    r = rand(*y.shape)
    (y * r).sum().backward()
    if padding == "same" and s == 1:
        z2 = F.conv1d(x.detach().permute(0, 2, 1), kernel.detach().permute(2, 1, 0), bias.detach(), padding="same", dilation=d)
        assert torch.allclose(z2, z.detach(), atol=1e-12), "explicit TF split differs from torch padding='same'"
    return {
        "name": name, "filters": f, "kernel_size": k, "strides": s, "padding": padding,
        "dilation_rate": d, "activation": activation,
        "x": enc(x.detach()), "kernel": enc(kernel.detach()), "bias": enc(bias.detach()), "r": enc(r),
        "y": enc(y.detach()), "dx": enc(x.grad), "dkernel": enc(kernel.grad), "dbias": enc(bias.grad),
    }


if __name__ == "__main__":
    print(json.dumps({"generator": "gen_conv1d_parity.py", "torch": torch.__version__,
                      "cases": [run(c) for c in CASES]}))
