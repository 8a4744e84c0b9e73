"""The actor network: who acts on whom (events) and who speaks about whom (statements)."""
from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from dashboard.components.map import STATEMENT_COLOUR, TYPE_COLOURS


def figure(edges: pd.DataFrame, *, height: int = 620) -> tuple[go.Figure, list[str]]:
    """A plotly network (spring layout, fixed seed) and the node names in trace order."""
    g = nx.DiGraph()
    for r in edges.itertuples(index=False):
        if g.has_edge(r.source, r.target):
            g[r.source][r.target]["n"] += int(r.n)
            g[r.source][r.target]["kinds"][r.kind] = g[r.source][r.target]["kinds"].get(r.kind, 0) + int(r.n)
        else:
            g.add_edge(r.source, r.target, n=int(r.n), kinds={r.kind: int(r.n)})
    fig = go.Figure()
    if g.number_of_nodes() == 0:
        return fig, []
    pos = nx.spring_layout(g, seed=7, k=1.6 / math.sqrt(g.number_of_nodes()))
    for u, v, d in g.edges(data=True):
        kind = max(d["kinds"], key=d["kinds"].get)
        colour = STATEMENT_COLOUR if kind == "STATEMENT" else TYPE_COLOURS.get(kind, "#888")
        (x0, y0), (x1, y1) = pos[u], pos[v]
        label = ", ".join(f"{k} ×{c}" for k, c in d["kinds"].items())
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", line=dict(width=1 + 2 * math.log2(1 + d["n"]),
                                 color=colour), opacity=0.6, hoverinfo="text",
                                 text=f"{u} → {v}: {label}".replace("<", "‹"), showlegend=False))
        fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", showarrow=True,
                           arrowhead=2, arrowsize=1, arrowwidth=1, arrowcolor=colour, opacity=0.5, standoff=10)
    names = list(g.nodes())
    deg = [g.degree(n, weight="n") for n in names]
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], mode="markers+text", text=names,
        textposition="top center", customdata=names, hovertemplate="%{customdata}<extra></extra>",
        marker=dict(size=[10 + 4 * math.sqrt(d) for d in deg], color="#f5f1e8", line=dict(width=1.5, color="#5d4037")),
        showlegend=False))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), xaxis=dict(visible=False),
                      yaxis=dict(visible=False), dragmode="pan", clickmode="event+select")
    return fig, names
