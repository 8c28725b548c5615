#!/usr/bin/env python3
"""Reference for SequentialParityTest: Embedding -> Flatten -> Dense(sigmoid) trained for three
full-batch steps with Keras's binary cross-entropy (clipped at 1e-7) and Keras's RMSprop
(v = rho v + (1 - rho) g^2; w -= lr g / sqrt(v + eps)), computed with PyTorch autograd.
Weights use Keras's layouts: embeddings (input_dim, output_dim), kernel (in, units).

Run: python3 gen_sequential_parity.py > sequential_parity.json
"""
import json
import torch

torch.manual_seed(20261126)
VOCAB, DIM, LEN, BATCH, LR, RHO, EPS = 50, 4, 5, 6, 0.01, 0.9, 1e-7

emb = (torch.rand(VOCAB, DIM, dtype=torch.float64) * 0.1 - 0.05)
kernel = (torch.rand(DIM * LEN, 1, dtype=torch.float64) * 0.6 - 0.3)
bias = torch.tensor([0.05], dtype=torch.float64)
x = torch.randint(0, VOCAB, (BATCH, LEN))
y = torch.randint(0, 2, (BATCH, 1)).double()

params = [emb.clone().requires_grad_(), kernel.clone().requires_grad_(), bias.clone().requires_grad_()]
velocity = [torch.zeros_like(p) for p in params]


def forward(e, k, b):
    h = e[x].reshape(BATCH, LEN * DIM)
    return torch.sigmoid(h @ k + b)


losses = []
for step in range(3):
    for p in params:
        p.grad = None
    p_hat = forward(*params)
    q = p_hat.clamp(EPS, 1 - EPS)
    loss = -(y * torch.log(q) + (1 - y) * torch.log(1 - q)).mean()
    loss.backward()
    losses.append(loss.item())
    with torch.no_grad():
        for p, v in zip(params, velocity):
            v.mul_(RHO).add_((1 - RHO) * p.grad * p.grad)
            p.sub_(LR * p.grad / torch.sqrt(v + EPS))

with torch.no_grad():
    final_pred = forward(*params)

out = {
    "vocab": VOCAB, "dim": DIM, "length": LEN, "learning_rate": LR,
    "embeddings": emb.flatten().tolist(), "kernel": kernel.flatten().tolist(), "bias": bias.tolist(),
    "x": x.tolist(), "y": y.flatten().tolist(),
    "losses": losses,
    "final_embeddings": params[0].detach().flatten().tolist(),
    "final_kernel": params[1].detach().flatten().tolist(),
    "final_bias": params[2].detach().tolist(),
    "final_predictions": final_pred.flatten().tolist(),
}
print(json.dumps(out))
