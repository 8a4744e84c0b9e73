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

from dashboard.components.escape import for_plotly
from dashboard.components.map import STATEMENT_COLOUR, TYPE_COLOURS

MAX_NODES = 30   # the most connected actors; more make a tangle at a hundred articles
MAX_LABELS = 15  # names written beside the most connected; the others show theirs on hover
MAX_ARROWS = 60


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
    for u, v, d in strongest:
        kind = max(d["kinds"], key=d["kinds"].get)
        colour = STATEMENT_COLOUR if kind == "STATEMENT" else TYPE_COLOURS.get(kind, "#888")
        fig.add_annotation(x=pos[v][0], y=pos[v][1], ax=pos[u][0], ay=pos[u][1], xref="x", yref="y", axref="x",
                           ayref="y", showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=1, arrowcolor=colour,
                           opacity=0.5, standoff=10, text="")
    names = list(g.nodes())
    deg = [g.degree(n, weight="n") for n in names]
    labelled = set(sorted(names, key=lambda n: -g.degree(n, weight="n"))[:MAX_LABELS])
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], mode="markers+text",
        text=[n.replace("<", "‹") if n in labelled else "" for n in names],
        textposition=[_side(pos[n]) for n in names], textfont=dict(size=12),
        customdata=names, hovertemplate="%{customdata}<extra></extra>",
        marker=dict(size=[10 + 3 * math.sqrt(d) for d in deg], color="#f5f1e8", line=dict(width=1.5, color="#5d4037")),
        showlegend=False))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), xaxis=dict(visible=False),
                      yaxis=dict(visible=False), dragmode="pan", clickmode="event+select",
                      legend=dict(orientation="h", y=-0.02))
    return fig
