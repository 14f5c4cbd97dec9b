#!/usr/bin/env python3
"""Writes a larger JSON Lines collection made of copies of the given ones, for scale benchmarks.

    scripts/scale-corpus.py --copies N [--articles M] FILE.jsonl... > OUT.jsonl

Copy 0 is the input as it is. Copy c >= 1 gives every article a distinct id ("ID~c") and varies its
text so the vocabulary grows as an archive's does rather than staying that of the first copy: in
copy c, about 15 % of the word types of four letters or more (chosen by a hash of the word and c, so
the same word changes the same way throughout the copy) get a suffix of letters naming c. Ten copies
then hold about 2.4 times the first copy's vocabulary, forty about 6.9 times, which is what Heaps'
law (vocabulary ~ n^0.5) predicts for ten and forty times the text. The dates are moved c days
later, so date facets and partitions see more than one calendar. With --articles M the output stops
after M articles (copies are added until it is reached).

Deterministic: the same arguments give the same bytes.
"""
import argparse
import datetime
import json
import re
import sys
import zlib

WORD = re.compile(r"[A-Za-z]{4,}")
SHARE = 15  # per cent of word types changed in each copy


def letters(c):
    """c as letters: 1 -> 'qb', 2 -> 'qc', ... (a prefix q keeps the suffix from forming words)."""
    s = ""
    while True:
        s = chr(ord("a") + c % 26) + s
        c //= 26
        if c == 0:
            return "q" + s


def varied(text, c, cache):
    def change(m):
        w = m.group(0)
        v = cache.get(w)
        if v is None:
            chosen = zlib.crc32(("%s/%d" % (w.lower(), c)).encode()) % 100 < SHARE
            v = w + letters(c) if chosen else w
            cache[w] = v
        return v

    return WORD.sub(change, text)


def later(date, days):
    try:
        d = datetime.date.fromisoformat(date[:10])
    except ValueError:
        return date
    return (d + datetime.timedelta(days=days)).isoformat() + date[10:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--articles", type=int, default=0, help="stop after this many (0: all)")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    articles = []
    for f in args.files:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    a = json.loads(line)
                    articles.append({k: a[k] for k in ("id", "title", "body", "date", "source")
                                     if k in a})
    out = sys.stdout
    written = 0
    c = 0
    while c < args.copies or (args.articles and written < args.articles):
        cache = {}
        for a in articles:
            if args.articles and written >= args.articles:
                return
            if c:
                a = dict(a)
                a["id"] = "%s~%d" % (a["id"], c)
                for k in ("title", "body"):
                    if isinstance(a.get(k), str):
                        a[k] = varied(a[k], c, cache)
                if isinstance(a.get("date"), str):
                    a["date"] = later(a["date"], c)
            out.write(json.dumps(a, ensure_ascii=False))
            out.write("\n")
            written += 1
        c += 1


if __name__ == "__main__":
    main()
