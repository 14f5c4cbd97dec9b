#!/usr/bin/env python3
"""Index a folder of articles, then search it into a pandas DataFrame.

    PYTHONPATH=build/lib/python python3 examples/python/index_and_search.py \
        tests/fixtures/articles 'NATO "defense spending"'

Without --db the collection is built in a temporary directory and removed at the end. Without
pandas the hits are printed as a plain table instead.
"""

import argparse
import sys
import tempfile
from pathlib import Path

import newsdex

try:
    import pandas
except ImportError:  # pandas is optional
    pandas = None


def build(db, folder):
    """Index `folder` into the collection at `db`, printing progress on stderr."""

    def progress(p):
        print(f"  {p.articles} articles read, {p.indexed} written", file=sys.stderr)

    with newsdex.Indexer(db) as ix:  # leaving the block commits
        summary = ix.index(folder, progress=progress)
    print(f"indexed {summary.indexed} of {summary.read} articles "
          f"({summary.failed} failed) in {summary.seconds:.2f} s", file=sys.stderr)
    for problem in summary.problems:
        print(f"  {problem.severity}: {problem.file}: {problem.message}", file=sys.stderr)


def search(db, query, limit):
    """The hits of `query` as rows (dicts), and the facet counts."""
    results = newsdex.Searcher(db).search(query, limit=limit, facets=["source", "year"])
    rows = [
        {key: hit.to_dict()[key] for key in ("rank", "score", "date", "source", "title", "id")}
        for hit in results
    ]
    return rows, results


def print_table(rows):
    """What the DataFrame would show, for a machine without pandas."""
    columns = ["rank", "score", "date", "source", "title"]
    cells = [[f"{row[c]:.3f}" if c == "score" else str(row[c]) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="articles to index (walked recursively)")
    parser.add_argument("query", help="newsdex query, e.g. 'NATO \"defense spending\"'")
    parser.add_argument("--db", type=Path, help="collection to build or add to (default: temporary)")
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "news.db"
        build(db, args.folder)
        try:
            rows, results = search(db, args.query, args.limit)
        except newsdex.Error as e:  # every library error, with its code
            print(f"newsdex: {e} ({e.code})", file=sys.stderr)
            return 2
        print(f"{results.total_estimate} matches for {args.query!r}; by source: "
              f"{results.facets['source']}")
        if not rows:
            return 1
        if pandas is not None:
            frame = pandas.DataFrame(rows).set_index("rank")
            print(frame.to_string())
        else:
            print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
