"""The actor network: who acts on whom (events) and who speaks about whom (statements).

At most ``MAX_NODES`` actors (the most connected) are drawn; edges are batched
into a few traces (one per type and width class), so the figure stays light at
any corpus size.
"""
from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.components.escape import for_plotly
from dashboard.components.map import STATEMENT_COLOUR, TYPE_COLOURS

MAX_NODES = 30   # the most connected actors; more make a tangle at a hundred articles
MAX_LABELS = 15  # names written beside the most connected; the others show theirs on hover
MAX_ARROWS = 60
MAX_LABEL_CHARS = 28  # a longer name is cut with an ellipsis (hover shows it whole)
# label placement is planned in pixels on the narrowest drawing the page gives (the 1280 px window with the
# sidebar open); a wider window only moves labels further apart
PLAN_WIDTH = 820
FONT = 12
CHAR_W = 0.62 * FONT  # an average character of the default sans-serif at this size, a little generous
LINE_H = FONT + 4
PAD = 0.12  # of the layout's span, around it, so labels at the edge stay inside the drawing
POSITIONS = ["top right", "bottom right", "top left", "bottom left", "middle right", "middle left", "top center",
             "bottom center"]


def graph(edges: pd.DataFrame, max_nodes: int = MAX_NODES) -> nx.DiGraph:
    g = nx.DiGraph()
    for r in edges.itertuples(index=False):
        if g.has_edge(r.source, r.target):
            d = g[r.source][r.target]
            d["n"] += int(r.n)
            d["kinds"][r.kind] = d["kinds"].get(r.kind, 0) + int(r.n)
        else:
            g.add_edge(r.source, r.target, n=int(r.n), kinds={r.kind: int(r.n)})
    if g.number_of_nodes() > max_nodes:
        keep = sorted(g.nodes, key=lambda n: -g.degree(n, weight="n"))[:max_nodes]
        g = g.subgraph(keep).copy()
    return g


def _side(p) -> str:
    """Write a label away from the middle of the drawing, so labels spread outwards instead of piling up."""
    return ("top " if p[1] >= 0 else "bottom ") + ("right" if p[0] >= 0 else "left")


def short(name: str) -> str:
    return name if len(name) <= MAX_LABEL_CHARS else name[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def label_box(cx: float, cy: float, r: float, text: str, position: str) -> tuple[float, float, float, float]:
    """The pixel box (x0, y0, x1, y1; y grows upwards) of a label written at ``position`` of a marker of radius r."""
    w, h = CHAR_W * len(text), LINE_H
    vert, horiz = position.split()
    x0 = {"right": cx + 0.7 * r, "left": cx - 0.7 * r - w, "center": cx - w / 2}[horiz]
    y0 = {"top": cy + 0.7 * r, "bottom": cy - 0.7 * r - h, "middle": cy - h / 2}[vert]
    return x0, y0, x0 + w, y0 + h


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(px: dict[str, tuple[float, float]], radius: dict[str, float], order: list[str],
                 size: tuple[float, float]) -> dict[str, str]:
    """Positions for as many of ``order``'s names (most connected first, at most MAX_LABELS) as fit without a label
    touching another label, another actor's marker or the drawing's edge; the rest are shown on hover only."""
    marks = {n: (x - r, y - r, x + r, y + r) for n, (x, y) in px.items() for r in [radius[n]]}
    taken: list[tuple[float, float, float, float]] = []
    out: dict[str, str] = {}
    for name in order:
        if len(out) == MAX_LABELS:
            break
        x, y = px[name]
        first = _side(((x - size[0] / 2), (y - size[1] / 2)))
        for pos in [first] + [p for p in POSITIONS if p != first]:
            box = label_box(x, y, radius[name], short(name), pos)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= size[0] and box[3] <= size[1]
            if inside and not any(_overlap(box, t) for t in taken) and \
                    not any(_overlap(box, m) for n, m in marks.items() if n != name):
                taken.append(box)
                out[name] = pos
                break
    return out


def figure(edges: pd.DataFrame, *, height: int = 620) -> go.Figure:
    """A plotly network (spring layout, fixed seed); the node trace carries each actor's name as customdata."""
    g = graph(edges)
    fig = go.Figure()
    if g.number_of_nodes() == 0:
        return fig
    pos = nx.spring_layout(g, seed=7, k=1.6 / math.sqrt(g.number_of_nodes()), iterations=60)
    batches: dict[tuple[str, int], list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        kind = max(d["kinds"], key=d["kinds"].get)
        width = 1 + min(3, int(math.log2(1 + d["n"])))
        batches[(kind, width)].append((u, v, d))
    for (kind, width), rows in sorted(batches.items()):
        colour = STATEMENT_COLOUR if kind == "STATEMENT" else TYPE_COLOURS.get(kind, "#888")
        xs: list[float | None] = []
        ys: list[float | None] = []
        for u, v, _ in rows:
            xs += [pos[u][0], pos[v][0], None]
            ys += [pos[u][1], pos[v][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(width=width * 1.5, color=colour), opacity=0.55,
                                 hoverinfo="skip", name="statement" if kind == "STATEMENT" else kind.lower(),
                                 legendgroup=kind, showlegend=width == min(w for k, w in batches if k == kind)))
        # a hover point in the middle of each edge tells what it holds
        mids = [((pos[u][0] + pos[v][0]) / 2, (pos[u][1] + pos[v][1]) / 2,
                 f"{u} → {v}: " + ", ".join(f"{k} ×{c}" for k, c in d["kinds"].items())) for u, v, d in rows]
        fig.add_trace(go.Scatter(x=[m[0] for m in mids], y=[m[1] for m in mids], mode="markers",
                                 marker=dict(size=6, color=colour, opacity=0.01), showlegend=False,
                                 text=[for_plotly(m[2]) for m in mids], hoverinfo="text"))
    strongest = sorted(g.edges(data=True), key=lambda e: -e[2]["n"])[:MAX_ARROWS]
    arrows = []  # set at once: add_annotation validates the whole figure on each call (4 s for 60 arrows)
    for u, v, d in strongest:
        kind = max(d["kinds"], key=d["kinds"].get)
        colour = STATEMENT_COLOUR if kind == "STATEMENT" else TYPE_COLOURS.get(kind, "#888")
        arrows.append(dict(x=pos[v][0], y=pos[v][1], ax=pos[u][0], ay=pos[u][1], xref="x", yref="y", axref="x",
                           ayref="y", showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=1, arrowcolor=colour,
                           opacity=0.5, standoff=10, text=""))
    names = list(g.nodes())
    deg = {n: g.degree(n, weight="n") for n in names}
    sizes = {n: 10 + 3 * math.sqrt(deg[n]) for n in names}
    xr, yr = _ranges(pos)
    plot = (PLAN_WIDTH - 20, height - 20 - LEGEND_H)  # less the margins and the legend below
    px = {n: ((pos[n][0] - xr[0]) / (xr[1] - xr[0]) * plot[0], (pos[n][1] - yr[0]) / (yr[1] - yr[0]) * plot[1])
          for n in names}
    where = place_labels(px, {n: sizes[n] / 2 for n in names}, sorted(names, key=lambda n: (-deg[n], n)), plot)
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], mode="markers+text",
        text=[for_plotly(short(n)) if n in where else "" for n in names],
        textposition=[where.get(n, "top right") for n in names], textfont=dict(size=FONT),
        customdata=names, hovertext=[for_plotly(n) for n in names], hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(size=[sizes[n] for n in names], color="#f5f1e8", line=dict(width=1.5, color="#5d4037")),
        showlegend=False))
    fig.update_layout(annotations=arrows, height=height, margin=dict(l=10, r=10, t=10, b=10 + LEGEND_H),
                      xaxis=dict(visible=False, range=xr), yaxis=dict(visible=False, range=yr), dragmode="pan",
                      clickmode="event+select", legend=dict(orientation="h", y=0, yanchor="top", x=0))
    return fig


LEGEND_H = 40  # px below the drawing for the legend of edge types


def _ranges(pos: dict) -> tuple[list[float], list[float]]:
    """Fixed axis ranges around the layout (so the pixel plan of the labels holds)."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    def span(v):
        lo, hi = min(v), max(v)
        pad = max(hi - lo, 0.2) * PAD
        return [lo - pad, hi + pad]
    return span(xs), span(ys)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_figure(v: str, f) -> go.Figure:
    """The figure for these filters at this data version (built once; the page's reruns reuse it)."""
    from dashboard import state
    return figure(state.network(v, f))
