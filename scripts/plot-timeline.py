#!/usr/bin/env python3
"""Plots indexing rate (articles/s) against articles indexed, from bench-index --timeline CSVs.

    scripts/plot-timeline.py OUT.svg LABEL=FILE.csv...

Each CSV has "seconds,articles" rows. The rate is taken over windows of 2 % of the run's articles,
so a flush or a merge shows as a dip rather than as noise. Writes a self-contained SVG (no
plotting library needed).
"""
import csv
import sys

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"]
W, H, L, R, T, B = 760, 420, 70, 190, 20, 50


def rates(path):
    pts = []
    with open(path) as f:
        for row in csv.DictReader(f):
            pts.append((float(row["seconds"]), int(row["articles"])))
    pts = [p for i, p in enumerate(pts) if i == 0 or p[1] > pts[i - 1][1]]
    if len(pts) < 3:
        return []
    total = pts[-1][1]
    step = max(1, total // 50)
    out, j = [], 0
    for i in range(1, len(pts)):
        while pts[i][1] - pts[j][1] > step and j < i - 1:
            j += 1
        dt = pts[i][0] - pts[j][0]
        if dt > 0 and pts[i][1] - pts[j][1] >= step // 2:
            out.append(((pts[i][1] + pts[j][1]) / 2, (pts[i][1] - pts[j][1]) / dt))
    return out


def nice(v):
    for m in (1, 2, 2.5, 5, 10):
        for e in range(0, 8):
            if m * 10**e >= v:
                return m * 10**e
    return v


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    series = []
    for arg in sys.argv[2:]:
        label, _, path = arg.partition("=")
        series.append((label, rates(path)))
    xmax = nice(max((x for _, s in series for x, _ in s), default=1))
    ymax = nice(max((y for _, s in series for _, y in s), default=1) * 1.05)
    sx = lambda x: L + (W - L - R) * x / xmax
    sy = lambda y: H - B - (H - T - B) * y / ymax
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>']
    for k in range(6):
        x, y = xmax * k / 5, ymax * k / 5
        svg.append(f'<line x1="{sx(x):.1f}" y1="{T}" x2="{sx(x):.1f}" y2="{H - B}" stroke="#eee"/>')
        svg.append(f'<line x1="{L}" y1="{sy(y):.1f}" x2="{W - R}" y2="{sy(y):.1f}" stroke="#eee"/>')
        svg.append(f'<text x="{sx(x):.1f}" y="{H - B + 16}" text-anchor="middle">{x:,.0f}</text>')
        svg.append(f'<text x="{L - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">{y:,.0f}</text>')
    svg.append(f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">'
               "articles indexed</text>")
    svg.append(f'<text x="16" y="{(T + H - B) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 16 {(T + H - B) / 2})">articles/s</text>')
    for i, (label, pts) in enumerate(series):
        c = COLOURS[i % len(COLOURS)]
        if pts:
            d = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
            svg.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.6" points="{d}"/>')
        svg.append(f'<line x1="{W - R + 12}" y1="{T + 14 + 18 * i}" x2="{W - R + 32}" '
                   f'y2="{T + 14 + 18 * i}" stroke="{c}" stroke-width="3"/>')
        svg.append(f'<text x="{W - R + 38}" y="{T + 18 + 18 * i}">{label}</text>')
    svg.append("</svg>")
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
