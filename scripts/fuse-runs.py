#!/usr/bin/env python3
"""Fuse two TREC runs of the same queries into one, to try a ranking idea without building it.

    scripts/fuse-runs.py FIRST.run SECOND.run rrf K  > fused.run   # reciprocal rank fusion
    scripts/fuse-runs.py FIRST.run SECOND.run keep N > fused.run   # FIRST's top N, then SECOND

rrf: each document scores the sum over the runs of 1 / (K + rank) (Cormack, Clarke and
Buettcher 2009; K = 60 in the paper). keep: FIRST's best N in its order, then SECOND's order
for the rest. Score the result with `newsdex-eval --run fused.run --qrels QRELS`
(docs/EVALUATION.md, "Pseudo-relevance feedback").
"""
import collections
import sys


def load(path):
    runs = collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            query, _, doc, _, _, _ = line.split()
            runs[query].append(doc)  # newsdex-eval writes each query's hits best first
    return runs


def main():
    if len(sys.argv) != 5 or sys.argv[3] not in ("rrf", "keep"):
        sys.exit(__doc__)
    first, second = load(sys.argv[1]), load(sys.argv[2])
    mode, k = sys.argv[3], int(sys.argv[4])
    for query in sorted(set(first) | set(second)):
        a, b = first.get(query, []), second.get(query, [])
        if mode == "keep":
            top = a[:k]
            order = top + [d for d in b if d not in set(top)]
        else:
            score = collections.Counter()
            for run in (a, b):
                for rank, doc in enumerate(run, start=1):
                    score[doc] += 1.0 / (k + rank)
            order = [d for d, _ in sorted(score.items(), key=lambda x: (-x[1], x[0]))]
        order = order[:1000]
        for rank, doc in enumerate(order, start=1):
            print(f"{query} Q0 {doc} {rank} {len(order) - rank + 1} fused")


if __name__ == "__main__":
    main()
