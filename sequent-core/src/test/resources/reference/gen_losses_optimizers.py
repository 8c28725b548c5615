#!/usr/bin/env python3
"""Reference values for Sequent's losses and optimizers, written to losses_optimizers.json.

Run from this folder with a Python that has PyTorch (Debian's python3-torch is enough):

    /usr/bin/python3 gen_losses_optimizers.py

Every formula below is Keras 3's, written out explicitly with torch tensors in float64 so that the
values do not depend on which framework's built-in happens to differ from Keras (PyTorch's BCELoss
clamps log at -100 instead of clipping probabilities to [1e-7, 1 - 1e-7]; its RMSprop puts epsilon
outside the square root; its Adam adds epsilon after bias correction). Gradients come from torch
autograd through those formulas; torch.clamp, like tf.clip_by_value, passes no gradient to
entries outside the range. Inputs are rounded to float32 first, since that is what the Java side
holds. Where torch's own implementation computes the same thing (SGD with momentum, softmax
cross-entropy with logits) the script checks that it agrees, as a guard against typos here.
"""
import json

import torch

torch.set_default_dtype(torch.float64)
EPS = 1e-7


def f32(values):
    """Rounds to float32 and back to float64: the exact numbers a Java float[] holds."""
    return torch.tensor(values, dtype=torch.float32).to(torch.float64)


def keras_reduce(per_sample):
    # "sum_over_batch_size": the mean over every remaining element.
    return per_sample.sum() / per_sample.numel()


def bce(y, p, from_logits):
    if from_logits:
        # Written with where() as tf.nn.sigmoid_cross_entropy_with_logits is, so that autograd gives
        # the true derivative sigmoid(x) - y at x = 0 (abs() and clamp() would give a subgradient).
        positive = p >= 0
        relu = torch.where(positive, p, torch.zeros_like(p))
        neg_abs = torch.where(positive, -p, p)
        per = relu - p * y + torch.log1p(torch.exp(neg_abs))
    else:
        q = torch.clamp(p, EPS, 1 - EPS)
        per = -(y * torch.log(q) + (1 - y) * torch.log(1 - q))
    return keras_reduce(per.mean(dim=-1))


def mse(y, p):
    return keras_reduce(((p - y) ** 2).mean(dim=-1))


def mae(y, p):
    return keras_reduce((p - y).abs().mean(dim=-1))


def cce(y, p, from_logits):
    if from_logits:
        logq = torch.log_softmax(p, dim=-1)
    else:
        q = p / p.sum(dim=-1, keepdim=True)
        logq = torch.log(torch.clamp(q, EPS, 1 - EPS))
    return keras_reduce(-(y * logq).sum(dim=-1))


def scce(labels, p, from_logits):
    onehot = torch.nn.functional.one_hot(labels.long().reshape(-1), p.shape[-1]).to(p.dtype).reshape(p.shape)
    return cce(onehot, p, from_logits)


def loss_case(name, loss, fn, y_true, y_true_shape, y_pred, y_pred_shape, from_logits=None):
    yt = f32(y_true).reshape(y_true_shape)
    yp = f32(y_pred).reshape(y_pred_shape).clone().requires_grad_(True)
    # The element-wise losses align (batch,) with (batch, 1) the way Keras does: by viewing both alike.
    if loss in ("binary_crossentropy", "mean_squared_error", "mean_absolute_error", "categorical_crossentropy"):
        value = fn(yt.reshape(yp.shape), yp)
    else:
        value = fn(yt, yp)
    value.backward()
    case = {
        "name": name,
        "loss": loss,
        "y_true": [float(v) for v in yt.reshape(-1)],
        "y_true_shape": list(y_true_shape),
        "y_pred": [float(v) for v in yp.detach().reshape(-1)],
        "y_pred_shape": list(y_pred_shape),
        "value": float(value),
        "grad": [float(v) for v in yp.grad.reshape(-1)],
    }
    if from_logits is not None:
        case["from_logits"] = from_logits
    return case


def losses():
    cases = []
    # Includes exact 0 and 1 and a value past 1 - 1e-7, so the clip (and its zero gradient) is exercised.
    p = [0.9, 0.2, 0.0, 1.0, 0.6, 0.35, 1e-9, 0.99999999]
    y = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0]
    cases.append(loss_case("bce_probs", "binary_crossentropy", lambda a, b: bce(a, b, False), y, [4, 2], p, [4, 2], False))
    logits = [2.5, -1.0, 0.0, 40.0, -35.0, 0.7, 3.0, -0.2]
    cases.append(loss_case("bce_logits", "binary_crossentropy", lambda a, b: bce(a, b, True), y, [4, 2], logits, [4, 2], True))
    cases.append(loss_case("bce_column", "binary_crossentropy", lambda a, b: bce(a, b, False),
                           [1.0, 0.0, 1.0], [3], [0.7, 0.4, 0.05], [3, 1], False))
    reg_t = [0.5, -1.0, 2.0, 0.0, 1.5, 3.0]
    reg_p = [0.25, -1.5, 2.0, 0.75, 1.0, -0.5]
    cases.append(loss_case("mse", "mean_squared_error", mse, reg_t, [2, 3], reg_p, [2, 3]))
    cases.append(loss_case("mae", "mean_absolute_error", mae, reg_t, [2, 3], reg_p, [2, 3]))
    cases.append(loss_case("mae_column", "mean_absolute_error", mae, [1.0, 2.0, 3.0], [3], [1.5, 1.0, 3.25], [3, 1]))
    onehot = [0, 1, 0, 1, 0, 0, 0, 0, 1]
    probs = [0.2, 0.7, 0.1, 0.5, 0.5, 0.0, 0.3, 0.3, 0.6]  # row 2 does not sum to 1; a 0 is clipped
    cases.append(loss_case("cce_probs", "categorical_crossentropy", lambda a, b: cce(a, b, False), onehot, [3, 3], probs, [3, 3], False))
    cce_logits = [1.0, 2.0, 0.5, -3.0, 4.0, 0.0, 10.0, -10.0, 2.0]
    cases.append(loss_case("cce_logits", "categorical_crossentropy", lambda a, b: cce(a, b, True), onehot, [3, 3], cce_logits, [3, 3], True))
    labels = [1, 0, 2]
    cases.append(loss_case("scce_probs", "sparse_categorical_crossentropy", lambda a, b: scce(a, b, False), labels, [3, 1], probs, [3, 3], False))
    cases.append(loss_case("scce_logits", "sparse_categorical_crossentropy", lambda a, b: scce(a, b, True), labels, [3], cce_logits, [3, 3], True))

    # Guard: torch's own softmax cross-entropy must agree with the log-softmax form above.
    x = f32(cce_logits).reshape(3, 3)
    own = torch.nn.functional.cross_entropy(x, torch.tensor(labels))
    assert abs(float(own) - float(scce(f32(labels).reshape(3), x, True))) < 1e-12
    return cases


def rmsprop(w, grads, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
            epsilon_outside_sqrt=False):
    # epsilon_outside_sqrt is Sequent's switch to Keras 2's (and PyTorch's) lr g / (sqrt(v) + eps).
    lr = learning_rate
    v = torch.zeros_like(w); m = torch.zeros_like(w); a = torch.zeros_like(w)
    out = []
    for g in grads:
        v = rho * v + (1 - rho) * g * g
        second = v
        if centered:
            a = rho * a + (1 - rho) * g
            second = v - a * a
        if epsilon_outside_sqrt:
            increment = lr * g / (torch.sqrt(second) + epsilon)
        else:
            increment = lr * g / torch.sqrt(second + epsilon)
        if momentum > 0:
            m = momentum * m + increment
            w = w - m
        else:
            w = w - increment
        out.append(w.clone())
    return out


def adam(w, grads, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False):
    lr = learning_rate
    m = torch.zeros_like(w); v = torch.zeros_like(w); vhat = torch.zeros_like(w)
    out = []
    for t, g in enumerate(grads, start=1):
        alpha = lr * (1 - beta_2 ** t) ** 0.5 / (1 - beta_1 ** t)
        m = m + (g - m) * (1 - beta_1)
        v = v + (g * g - v) * (1 - beta_2)
        denom_v = v
        if amsgrad:
            vhat = torch.maximum(vhat, v)
            denom_v = vhat
        w = w - m * alpha / (torch.sqrt(denom_v) + epsilon)
        out.append(w.clone())
    return out


def sgd(w, grads, learning_rate=0.01, momentum=0.0, nesterov=False):
    lr = learning_rate
    m = torch.zeros_like(w)
    out = []
    for g in grads:
        if momentum != 0:
            m = momentum * m - lr * g
            w = w + (momentum * m - lr * g if nesterov else m)
        else:
            w = w - lr * g
        out.append(w.clone())
    return out


def torch_sgd(w, grads, lr, momentum, nesterov):
    p = w.clone().requires_grad_(True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum, nesterov=nesterov)
    out = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        out.append(p.detach().clone())
    return out


def torch_rmsprop(w, grads, config):
    p = w.clone().requires_grad_(True)
    opt = torch.optim.RMSprop([p], lr=config.get("learning_rate", 0.001), alpha=config.get("rho", 0.9),
                              eps=config.get("epsilon", 1e-7), momentum=config.get("momentum", 0.0),
                              centered=config.get("centered", False))
    out = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        out.append(p.detach().clone())
    return out


def optimizers():
    # The last entry's gradients are tiny, so where epsilon sits (inside or outside the square root,
    # before or after bias correction) changes the step by a large factor and the test sees it.
    w0 = f32([0.5, -1.25, 2.0, 0.0, -0.3, 0.75])
    grads = [f32([0.1, -0.2, 0.0, 1.5, -3.0, 1e-4]), f32([0.05, 0.4, -1.0, 1.5, 2.0, -2e-4]),
             f32([-0.3, 0.1, 0.25, 0.0, -0.5, 5e-5])]
    specs = [
        ("RMSprop", {}, rmsprop),
        ("RMSprop", {"learning_rate": 0.01, "rho": 0.8}, rmsprop),
        ("RMSprop", {"momentum": 0.5, "centered": True}, rmsprop),
        ("RMSprop", {"momentum": 0.9}, rmsprop),
        ("RMSprop", {"epsilon_outside_sqrt": True}, rmsprop),
        ("RMSprop", {"epsilon_outside_sqrt": True, "momentum": 0.5, "centered": True, "learning_rate": 0.01}, rmsprop),
        ("Adam", {}, adam),
        ("Adam", {"learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.99}, adam),
        ("Adam", {"amsgrad": True}, adam),
        ("SGD", {}, sgd),
        ("SGD", {"momentum": 0.9}, sgd),
        ("SGD", {"learning_rate": 0.1, "momentum": 0.5, "nesterov": True}, sgd),
    ]
    cases = []
    for class_name, config, fn in specs:
        steps = fn(w0.clone(), grads, **config)
        if class_name == "SGD":
            # Keras's velocity form and torch's buffer form coincide for a constant learning rate.
            ref = torch_sgd(w0, grads, config.get("learning_rate", 0.01), config.get("momentum", 0.0), config.get("nesterov", False))
            for a, b in zip(steps, ref):
                assert torch.allclose(a, b, atol=1e-12), (class_name, config)
        if config.get("epsilon_outside_sqrt"):
            # PyTorch's RMSprop is this form (its momentum buffer holds g / denominator and is
            # scaled by lr afterwards, which coincides with Keras's for a constant learning rate).
            ref = torch_rmsprop(w0, grads, config)
            for a, b in zip(steps, ref):
                assert torch.allclose(a, b, atol=1e-12), (class_name, config)
        cases.append({
            "class_name": class_name,
            "config": config,
            "w0": [float(v) for v in w0],
            "grads": [[float(v) for v in g] for g in grads],
            "steps": [[float(v) for v in s] for s in steps],
        })
    return cases


if __name__ == "__main__":
    data = {
        "generator": "gen_losses_optimizers.py (torch " + torch.__version__ + ", float64, Keras 3 formulas)",
        "losses": losses(),
        "optimizers": optimizers(),
    }
    with open("losses_optimizers.json", "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote losses_optimizers.json:", len(data["losses"]), "loss cases,", len(data["optimizers"]), "optimizer cases")
