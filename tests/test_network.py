"""The actor network at a hundred articles (dashboard/components/network.py): few nodes, labels that do not overlap."""
from __future__ import annotations

import itertools

import pytest

from core import queries
from core.store import Store
from dashboard.components import network
from tests.many_articles import docs


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("net") / "net.duckdb")
    s.ingest_many(docs(100))
    e = queries.network_edges(s, queries.Filters())
    s.close()
    return e


def _boxes(fig, width: float):
    """Each written label's pixel box, estimated apart from the module: 7.5 px per character, 16 px a line."""
    nodes = fig.data[-1]
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    plot_w, plot_h = width - 20, fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    out = {}
    for x, y, text, pos, size in zip(nodes.x, nodes.y, nodes.text, nodes.textposition, nodes.marker.size,
                                     strict=True):
        px, py, r = (x - xr[0]) / (xr[1] - xr[0]) * plot_w, (y - yr[0]) / (yr[1] - yr[0]) * plot_h, size / 2
        if not text:
            continue
        w, h = 7.5 * len(text), 16
        vert, horiz = pos.split()
        x0 = {"right": px + 0.7 * r, "left": px - 0.7 * r - w, "center": px - w / 2}[horiz]
        y0 = {"top": py + 0.7 * r, "bottom": py - 0.7 * r - h, "middle": py - h / 2}[vert]
        out[text] = (x0, y0, x0 + w, y0 + h)
    return out


def test_a_hundred_articles_make_a_legible_network(edges):
    actors = set(edges["source"]) | set(edges["target"])
    assert len(actors) > 40  # the fixture is a tangle when drawn whole
    fig = network.figure(edges)
    nodes = fig.data[-1]
    assert len(nodes.x) == network.MAX_NODES
    written = [t for t in nodes.text if t]
    assert 8 <= len(written) <= network.MAX_LABELS
    assert all(len(t) <= network.MAX_LABEL_CHARS for t in written)
    boxes = _boxes(fig, network.PLAN_WIDTH)
    for (a, p), (b, q) in itertools.combinations(boxes.items(), 2):
        assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), f"{a!r} overlaps {b!r}"
    plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert all(b[0] >= 0 and b[2] <= network.PLAN_WIDTH - 20 and b[1] >= 0 and b[3] <= plot_h for b in boxes.values())


def test_the_most_connected_actors_are_named(edges):
    fig = network.figure(edges)
    g = network.graph(edges)
    top = sorted(g.nodes, key=lambda n: -g.degree(n, weight="n"))[:4]
    written = {t for t in fig.data[-1].text if t}
    assert {network.short(n) for n in top} <= written


def test_crowded_actors_get_labels_apart_or_none():
    """Five actors on top of each other: written side by side where they fit, the rest left to hover."""
    px = {f"Actor number {k}": (400.0 + 3 * k, 300.0) for k in range(5)}
    where = network.place_labels(px, dict.fromkeys(px, 6.0), sorted(px), (800, 560))
    assert 1 <= len(where) < 5
    boxes = [network.label_box(*px[n], 6.0, network.short(n), pos) for n, pos in where.items()]
    assert not any(p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
                   for p, q in itertools.combinations(boxes, 2))
    naive = [network.label_box(*px[n], 6.0, network.short(n), "top right") for n in sorted(px)]
    assert any(p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3] for p, q in itertools.combinations(naive, 2))
