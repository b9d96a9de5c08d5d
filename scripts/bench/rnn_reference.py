"""PyTorch's side of the benchmark's `recurrent` group (see Sources/TorchBenchmark/RecurrentWorkloads.swift).

Usage: /tmp/torch/bin/python scripts/bench/rnn_reference.py
"""
import statistics
import time

import torch
import torch.nn as nn


def median_time(fn, warmup=3, repeat=20, min_time=0.3):
    for _ in range(warmup):
        fn()
    times, start = [], time.perf_counter()
    while len(times) < repeat or time.perf_counter() - start < min_time:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


torch.manual_seed(0)
lstm = nn.LSTM(128, 256, batch_first=True)
head = torch.randn(256, 2, requires_grad=True)
x = torch.randn(32, 32, 128, requires_grad=True)


def step():
    lstm.zero_grad()
    out, _ = lstm(x)
    (out[:, 31] @ head).sum().backward()


def nograd():
    with torch.no_grad():
        lstm(x)


print(f"torch threads {torch.get_num_threads()}")
print(f"lstm_fwd_bwd_b32_s32_ms\t{median_time(step) * 1e3:.4g}")
print(f"lstm_fwd_b32_s32_nograd_ms\t{median_time(nograd) * 1e3:.4g}")
