#!/usr/bin/env python3
"""Reference for RecurrentParityTest: Keras's SimpleRNN, LSTM and GRU (both reset_after variants),
forward and backward, computed in float64 with PyTorch autograd.

Every case draws an input x (batch 3, time 5, features 4), Keras-layout weights and a fixed
random R, runs the layer, takes loss = sum(output * R) and back-propagates: dX = dloss/dx and
the gradients of the Keras-layout weights. So R is the gradient that arrives at the layer's
output (gradOutput in Sequent's backward).

Keras layouts (layer.weights order):
  SimpleRNN  kernel (in, u), recurrent_kernel (u, u), bias (u,)
  LSTM       kernel (in, 4u), recurrent_kernel (u, 4u), bias (4u,), gate columns i, f, c, o
  GRU        kernel (in, 3u), recurrent_kernel (u, 3u), gate columns z, r, h;
             bias (2, 3u) = [input bias; recurrent bias] with reset_after=True (Keras 3 default),
             bias (3u,) with reset_after=False (the Keras 2 / "v1" variant)

Each case is computed twice, independently, and the two must agree to 1e-10:
  (a) the Keras formulas written out step by step in torch on the Keras-layout weights
      (keras/src/layers/rnn/{simple_rnn,lstm,gru}.py cells, backend.rnn's loop), gradients
      straight from autograd;
  (b) PyTorch's own nn.RNN / nn.LSTM / nn.GRU (or the *Cell versions when a mask is used) on
      the weights mapped to PyTorch's layout (transposed; GRU gates reordered z,r,h -> r,z,n;
      Keras LSTM's i,f,c,o is PyTorch's i,f,g,o; PyTorch's second bias b_hh is zero except for
      the reset_after GRU, where it is Keras's recurrent bias), gradients mapped back.
      PyTorch has no reset_after=False GRU, so that variant has only (a).
The JSON carries (b) where it exists, else (a).

go_backwards (Keras): the time axis of the input (and of the mask) is reversed before the loop;
with return_sequences the outputs are returned in processing order, i.e. output[:, t] belongs
to input step T-1-t; without it the output is the state after processing x[:, 0].

Masking (Keras's generic backend.rnn loop, zero_output_for_mask=False, the RNN default that
SimpleRNN/LSTM/GRU keep): at a step whose mask is 0 the cell still runs, but its new states are
discarded (the previous states are carried) and the step's output is the previous output
(zeros before the first unmasked step). The states of these cells start with the output h, so
"previous output" is the carried h. Note: Keras's cuDNN kernels (TF on GPU) only accept
right-padded masks and output zeros at padded positions; this reference is the generic
(CPU) semantics.

Run: /usr/bin/python3 gen_rnn_parity.py > rnn_parity.json
"""
import json

import torch

torch.set_default_dtype(torch.float64)
DATA = torch.Generator().manual_seed(20261127)  # own generator: building torch.nn modules draws from the global one
BATCH, TIME, FEATURES, UNITS = 3, 5, 4, 6
GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


# ---------------------------------------------------------------- (a) Keras formulas, Keras layout

def keras_simple_rnn_step(x_t, states, w):
    kernel, rec, bias = w
    h = torch.tanh(x_t @ kernel + states[0] @ rec + bias)
    return h, [h]


def keras_lstm_step(x_t, states, w):
    kernel, rec, bias = w
    h_tm1, c_tm1 = states
    u = h_tm1.shape[1]
    z = x_t @ kernel + h_tm1 @ rec + bias
    i = torch.sigmoid(z[:, :u])
    f = torch.sigmoid(z[:, u:2 * u])
    c = f * c_tm1 + i * torch.tanh(z[:, 2 * u:3 * u])
    o = torch.sigmoid(z[:, 3 * u:])
    h = o * torch.tanh(c)
    return h, [h, c]


def keras_gru_step(reset_after):
    def step(x_t, states, w):
        kernel, rec, bias = w
        h_tm1 = states[0]
        u = h_tm1.shape[1]
        input_bias, recurrent_bias = (bias[0], bias[1]) if reset_after else (bias, None)
        matrix_x = x_t @ kernel + input_bias
        x_z, x_r, x_h = matrix_x[:, :u], matrix_x[:, u:2 * u], matrix_x[:, 2 * u:]
        if reset_after:
            matrix_inner = h_tm1 @ rec + recurrent_bias
        else:
            matrix_inner = h_tm1 @ rec[:, :2 * u]
        z = torch.sigmoid(x_z + matrix_inner[:, :u])
        r = torch.sigmoid(x_r + matrix_inner[:, u:2 * u])
        if reset_after:
            recurrent_h = r * matrix_inner[:, 2 * u:]
        else:
            recurrent_h = (r * h_tm1) @ rec[:, 2 * u:]
        hh = torch.tanh(x_h + recurrent_h)
        h = z * h_tm1 + (1 - z) * hh
        return h, [h]
    return step


def keras_rnn(step, x, weights, n_states, return_sequences, go_backwards, mask):
    """Keras's backend.rnn loop (generic path, zero_output_for_mask=False)."""
    batch, time = x.shape[0], x.shape[1]
    states = [torch.zeros(batch, UNITS) for _ in range(n_states)]
    order = range(time - 1, -1, -1) if go_backwards else range(time)
    outputs = []
    prev_output = torch.zeros(batch, UNITS)
    for t in order:
        output, new_states = step(x[:, t], states, weights)
        if mask is not None:
            m = mask[:, t:t + 1] > 0
            output = torch.where(m, output, prev_output)
            new_states = [torch.where(m, s, ps) for s, ps in zip(new_states, states)]
        states = new_states
        prev_output = output
        outputs.append(output)
    return torch.stack(outputs, dim=1) if return_sequences else outputs[-1]


def keras_forward(case, x, weights, mask):
    layer = case["layer"]
    if layer == "SimpleRNN":
        step, n_states = keras_simple_rnn_step, 1
    elif layer == "LSTM":
        step, n_states = keras_lstm_step, 2
    else:
        step, n_states = keras_gru_step(case["reset_after"]), 1
    return keras_rnn(step, x, weights, n_states, case["return_sequences"], case["go_backwards"], mask)


# ---------------------------------------------------------------- (b) PyTorch modules, PyTorch layout

def gru_to_torch_rows(m):
    """Keras z,r,h blocks along the last axis -> PyTorch r,z,n blocks along the first axis."""
    u = m.shape[-1] // 3
    return torch.cat([m[..., u:2 * u], m[..., :u], m[..., 2 * u:]], dim=-1).transpose(0, -1) if m.dim() == 2 \
        else torch.cat([m[u:2 * u], m[:u], m[2 * u:]])


def gru_from_torch_rows(g):
    """Inverse of gru_to_torch_rows for gradients: PyTorch r,z,n rows -> Keras z,r,h columns."""
    u = g.shape[0] // 3
    reordered = torch.cat([g[u:2 * u], g[:u], g[2 * u:]])
    return reordered.transpose(0, -1) if g.dim() == 2 else reordered


def torch_forward_and_grads(case, x, weights, mask, R):
    """Returns (output, dX, keras-layout weight grads) from PyTorch's built-in modules, or None."""
    layer = case["layer"]
    if layer == "GRU" and not case["reset_after"]:
        return None
    kernel, rec, bias = weights
    if layer == "GRU":
        w_ih, w_hh = gru_to_torch_rows(kernel), gru_to_torch_rows(rec)
        b_ih, b_hh = gru_to_torch_rows(bias[0]), gru_to_torch_rows(bias[1])
    else:  # SimpleRNN, LSTM: same gate order, single Keras bias goes to b_ih
        w_ih, w_hh, b_ih, b_hh = kernel.t(), rec.t(), bias, torch.zeros_like(bias)
    params = [p.detach().clone().requires_grad_() for p in (w_ih, w_hh, b_ih, b_hh)]
    xt = x.detach().clone().requires_grad_()
    seq = xt.flip(1) if case["go_backwards"] else xt
    m = None if mask is None else (mask.flip(1) if case["go_backwards"] else mask)
    if m is None:
        module = {"SimpleRNN": torch.nn.RNN, "LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}[layer](
            FEATURES, UNITS, batch_first=True)
        module.weight_ih_l0, module.weight_hh_l0, module.bias_ih_l0, module.bias_hh_l0 = [
            torch.nn.Parameter(p) for p in params]
        params = [module.weight_ih_l0, module.weight_hh_l0, module.bias_ih_l0, module.bias_hh_l0]
        outs, _ = module(seq)
    else:
        cell = {"SimpleRNN": torch.nn.RNNCell, "LSTM": torch.nn.LSTMCell, "GRU": torch.nn.GRUCell}[layer](
            FEATURES, UNITS)
        cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh = [torch.nn.Parameter(p) for p in params]
        params = [cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh]
        h = torch.zeros(BATCH, UNITS)
        c = torch.zeros(BATCH, UNITS)
        outs = []
        for t in range(TIME):
            keep = m[:, t:t + 1] > 0
            if layer == "LSTM":
                h_new, c_new = cell(seq[:, t], (h, c))
                c = torch.where(keep, c_new, c)
            else:
                h_new = cell(seq[:, t], h)
            h = torch.where(keep, h_new, h)  # the output of a masked step is the carried h
            outs.append(h)
        outs = torch.stack(outs, dim=1)
    output = outs if case["return_sequences"] else outs[:, -1]
    (output * R).sum().backward()
    g_ih, g_hh, g_bih, g_bhh = [p.grad for p in params]
    if layer == "GRU":
        grads = [gru_from_torch_rows(g_ih), gru_from_torch_rows(g_hh),
                 torch.stack([gru_from_torch_rows(g_bih), gru_from_torch_rows(g_bhh)])]
    else:
        # b_ih and b_hh enter as a sum, so either one's gradient is the Keras bias's.
        assert torch.allclose(g_bih, g_bhh, atol=1e-12, rtol=0)
        grads = [g_ih.t(), g_hh.t(), g_bih]
    return output.detach(), xt.grad.detach(), grads


# ---------------------------------------------------------------- cases

def weight_shapes(case):
    g = GATES[case["layer"]]
    bias = (2, g * UNITS) if case["layer"] == "GRU" and case["reset_after"] else (g * UNITS,)
    return [("kernel", (FEATURES, g * UNITS)), ("recurrent_kernel", (UNITS, g * UNITS)), ("bias", bias)]


# Masks: row 0 right-padded (post), row 1 left-padded (pre, masked first step -> zero outputs),
# row 2 a hole in the middle.
MASK = torch.tensor([[1, 1, 1, 0, 0],
                     [0, 0, 1, 1, 1],
                     [1, 0, 1, 1, 0]], dtype=torch.float64)


def case(name, layer, return_sequences, go_backwards=False, reset_after=None, masked=False):
    c = {"name": name, "layer": layer, "units": UNITS, "return_sequences": return_sequences,
         "go_backwards": go_backwards, "masked": masked}
    if layer == "GRU":
        c["reset_after"] = reset_after
    return c


CASES = [
    case("lstm_last", "LSTM", False),
    case("lstm_sequences", "LSTM", True),
    case("lstm_backwards_last", "LSTM", False, go_backwards=True),
    case("lstm_backwards_sequences", "LSTM", True, go_backwards=True),
    case("gru_reset_after_last", "GRU", False, reset_after=True),
    case("gru_reset_after_sequences", "GRU", True, reset_after=True),
    case("gru_reset_before_last", "GRU", False, reset_after=False),
    case("gru_reset_before_sequences", "GRU", True, reset_after=False),
    case("simple_rnn_last", "SimpleRNN", False),
    case("simple_rnn_sequences", "SimpleRNN", True),
    case("lstm_masked_sequences", "LSTM", True, masked=True),
    case("lstm_masked_last", "LSTM", False, masked=True),
    case("gru_reset_after_masked_last", "GRU", False, reset_after=True, masked=True),
    case("gru_reset_before_masked_sequences", "GRU", True, reset_after=False, masked=True),
    case("simple_rnn_masked_backwards_sequences", "SimpleRNN", True, go_backwards=True, masked=True),
]


def tensor_json(t):
    return {"shape": list(t.shape), "data": t.detach().flatten().tolist()}


def max_diff(a, b):
    return (a - b).abs().max().item()


out_cases = []
worst_cross_check = 0.0
for c in CASES:
    x = torch.randn(BATCH, TIME, FEATURES, generator=DATA)
    weights = []
    for wname, shape in weight_shapes(c):
        scale = 0.2 if wname == "bias" else 0.5
        weights.append((torch.rand(*shape, generator=DATA) * 2 - 1) * scale)
    mask = MASK.clone() if c["masked"] else None
    out_shape = (BATCH, TIME, UNITS) if c["return_sequences"] else (BATCH, UNITS)
    R = torch.randn(*out_shape, generator=DATA)

    # (a) Keras formulas
    xa = x.clone().requires_grad_()
    wa = [w.clone().requires_grad_() for w in weights]
    out_a = keras_forward(c, xa, wa, mask)
    (out_a * R).sum().backward()
    dx_a, grads_a = xa.grad, [w.grad for w in wa]

    # (b) PyTorch built-ins
    b = torch_forward_and_grads(c, x, weights, mask, R)
    if b is not None:
        out_b, dx_b, grads_b = b
        diffs = [max_diff(out_a, out_b), max_diff(dx_a, dx_b)] + [max_diff(p, q) for p, q in zip(grads_a, grads_b)]
        worst_cross_check = max(worst_cross_check, max(diffs))
        assert max(diffs) < 1e-10, (c["name"], diffs)
        output, dx, grads = out_b, dx_b, grads_b
    else:
        output, dx, grads = out_a.detach(), dx_a, grads_a

    entry = dict(c)
    entry["source"] = "torch.nn" if b is not None else "keras formulas (autograd)"
    entry["x"] = tensor_json(x)
    if mask is not None:
        entry["mask"] = tensor_json(mask)
    entry["R"] = tensor_json(R)
    entry["weights"] = [dict(name=n, **tensor_json(w)) for (n, _), w in zip(weight_shapes(c), weights)]
    entry["output"] = tensor_json(output)
    entry["dX"] = tensor_json(dx)
    entry["weight_grads"] = [dict(name=n, **tensor_json(g)) for (n, _), g in zip(weight_shapes(c), grads)]
    out_cases.append(entry)

doc = {
    "description": "Keras SimpleRNN/LSTM/GRU forward and backward in float64; loss = sum(output * R). "
                   "Generated by gen_rnn_parity.py.",
    "torch_version": torch.__version__,
    "batch": BATCH, "time": TIME, "features": FEATURES, "units": UNITS,
    "max_difference_keras_formulas_vs_torch_nn": worst_cross_check,
    "cases": out_cases,
}
print(json.dumps(doc))
