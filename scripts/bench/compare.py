#!/usr/bin/env python3
"""Prints the Swift/PyTorch ratio table from two benchmark JSON files.

    swift run -c release benchmark --json /tmp/swift.json
    /tmp/torch/bin/python ../shared/bench/pytorch_reference.py --json /tmp/torch.json
    python3 scripts/bench/compare.py /tmp/swift.json /tmp/torch.json

A ratio above 1 means Swift is better: for throughput rows (gflops, gbps) it is
swift/pytorch, for time rows (ms, us, s) pytorch/swift.
"""
import json
import sys


def main():
    swift = json.load(open(sys.argv[1]))
    torch = json.load(open(sys.argv[2]))
    print(f"| workload | Swift | PyTorch | speed ratio (>1: Swift faster) |")
    print(f"| --- | ---: | ---: | ---: |")
    for name in sorted(swift):
        if name not in torch or not isinstance(torch[name], (int, float)):
            continue
        s, t = swift[name], torch[name]
        higher_is_better = name.endswith(("gflops", "gbps", "acc"))
        ratio = (s / t) if higher_is_better else (t / s)
        print(f"| {name} | {s:.4g} | {t:.4g} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
