"""The folium map: events, statements and places as client-side layers, country borders offline.

Leaflet and Leaflet.markercluster come from the app's own static folder, and the
country borders (Natural Earth 1:50m) are fetched from it by the browser, so the
map works with no internet. Tiles are an opt-in setting. Points travel as JSON
data and are drawn by a small script (clustered in the browser), so 10,000
markers cost no Python object each, and no text goes through folium.Popup.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

from dashboard.components.escape import for_map, for_map_series

STATIC = "/app/static"
LEAFLET_JS = [("leaflet", f"{STATIC}/vendor/leaflet/leaflet.js"),
              ("markercluster", f"{STATIC}/vendor/markercluster/leaflet.markercluster.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC}/vendor/leaflet/leaflet.css"),
               ("markercluster_css", f"{STATIC}/vendor/markercluster/MarkerCluster.css"),
               ("markercluster_default_css", f"{STATIC}/vendor/markercluster/MarkerCluster.Default.css")]
TYPE_COLOURS = {
    "ASSAULT": "#b3261e", "COERCE": "#e8710a", "SANCTION": "#8e5bd0", "MOBILIZE": "#c2185b", "THREATEN": "#d81b60",
    "PROTEST": "#f9a825", "ACCUSE": "#6d4c41", "REJECT": "#795548", "REQUEST": "#0277bd", "CONSULT": "#00897b",
    "AGREE": "#2e7d32", "SUPPORT": "#43a047", "COOPERATE": "#558b2f", "AID": "#00acc1", "CONCEDE": "#3949ab",
    "RETREAT": "#546e7a",
}
STATEMENT_COLOUR = "#37474f"
PLACE_COLOUR = "#5c6bc0"


def _safe_json(data: Any) -> str:
    """JSON that cannot close the surrounding <script>."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


class Borders(MacroElement):
    """Country borders from the app's static GeoJSON, fetched by the browser."""
    _template = Template("""
        {% macro script(this, kwargs) %}
        fetch("{{ this.url }}").then(function (r) { return r.json(); }).then(function (g) {
            var layer = L.geoJSON(g, {interactive: false,
                style: {color: "#8a8577", weight: 1, fill: true, fillColor: "#efece4", fillOpacity: 1}});
            layer.addTo({{ this._parent.get_name() }});
            layer.bringToBack();
            window.__eventdeskBorders = g.features.length;
            {{ this._parent.get_name() }}.getContainer().style.background = "#d9e4ea";
        }).catch(function () {});
        {% endmacro %}
    """)

    def __init__(self, url: str = f"{STATIC}/countries-50m.geojson"):
        super().__init__()
        self._name = "Borders"
        self.url = url


class _Raw(Element):
    """Rendered text put in the page as it is (branca compiles a macro's output as a template again: with 10,000
    markers' data in it that took most of a second)."""

    def __init__(self, text: str):
        super().__init__("")
        self.text = text

    def render(self, **kwargs) -> str:  # noqa: ANN003 - branca's signature
        return self.text


class PointLayer(MacroElement):
    """Circle markers from JSON rows [lat, lon, colour, radius, popup-html, tooltip], clustered in the browser."""
    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var rows = {{ this.data }};
            var map = {{ this._parent.get_name() }};
            var group = {{ "L.markerClusterGroup({maxClusterRadius: 40, showCoverageOnHover: false})"
                           if this.cluster else "L.featureGroup()" }};
            var markers = new Array(rows.length);
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                markers[i] = L.circleMarker([r[0], r[1]],
                    {radius: r[3], color: r[2], weight: 1, fillColor: r[2], fillOpacity: 0.75, row: i,
                     layer: {{ this.label_json }}});
            }
            // a popup or tooltip is made when asked for, not one of each per marker up front
            group.on("click", function (e) {
                var m = e.propagatedFrom || e.layer;
                L.popup({maxWidth: 360}).setLatLng(m.getLatLng()).setContent(rows[m.options.row][4]).openOn(map);
            });
            group.on("mouseover", function (e) {
                var m = e.propagatedFrom || e.layer;
                if (!m.getTooltip()) { m.bindTooltip(rows[m.options.row][5]).openTooltip(); }
            });
            if (group.addLayers) { group.addLayers(markers); }
            else { for (var j = 0; j < markers.length; j++) { group.addLayer(markers[j]); } }
            group.addTo(map);
            if (typeof window.__eventdeskLayers === "undefined") { window.__eventdeskLayers = {}; }
            window.__eventdeskLayers[{{ this.label_json }}] = rows.length;
        })();
        {% endmacro %}
    """)

    def __init__(self, rows: list[list[Any]] | str, label: str, cluster: bool = True):
        super().__init__()
        self._name = "PointLayer"
        self.data = rows if isinstance(rows, str) else _safe_json(rows)  # a str: the rows as JSON already
        self.label_json = _safe_json(label)
        self.cluster = cluster
        self.default_js = LEAFLET_JS
        self.default_css = LEAFLET_CSS

    def render(self, **kwargs) -> None:  # noqa: ANN003 - branca's signature
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_Raw(script(self, kwargs)), name=self.get_name())


def _radius(fatalities: Any) -> float:
    try:
        f = float(fatalities)
    except (TypeError, ValueError):
        return 6.0
    if math.isnan(f) or f <= 0:
        return 6.0
    return min(22.0, 6.0 + 3.0 * math.log2(1 + f))


def _popup(title: str, lines: list[tuple[str, Any]], body: str | None) -> str:
    parts = [f"<b>{for_map(title)}</b>"]
    for k, v in lines:
        if v is not None and v == v and str(v) != "":
            parts.append(f"{for_map(k)}: {for_map(v)}")
    if body:
        parts.append(f"<i>{for_map(body[:400])}</i>")
    return "<br>".join(parts)


def _line(name: str, col: pd.Series) -> pd.Series:
    """'<br>name: value' where the value is not empty, else nothing."""
    v = for_map_series(col)
    return ("<br>" + for_map(name) + ": " + v).where(v != "", "")


def event_rows(df: pd.DataFrame) -> list[list[Any]]:
    """[lat, lon, colour, radius, popup html, tooltip] per located event; built column by column (10,000 events
    row by row took seconds)."""
    if df.empty:
        return []
    df = df[pd.to_numeric(df["lat"], errors="coerce").notna() & pd.to_numeric(df["lon"], errors="coerce").notna()]
    if df.empty:
        return []
    col = lambda c: df[c] if c in df else pd.Series([None] * len(df), index=df.index, dtype=object)  # noqa: E731
    a1, a2 = col("actor1").astype("string"), col("actor2").astype("string")
    actors = (a1.fillna("") + " → " + a2.fillna("")).where(a1.notna() & a2.notna(), a1.fillna(a2))
    killed = pd.to_numeric(col("fatalities"), errors="coerce")
    day = pd.to_datetime(col("date"), errors="coerce").dt.strftime("%Y-%m-%d")
    body = col("sentence").astype("string").str.slice(0, 400)
    popup = ("<b>" + for_map_series(col("event_type")) + "</b>" + _line("date", day) + _line("actors", actors)
             + _line("place", col("location")) + _line("killed", killed.astype("Int64"))
             + _line("reported by", col("reported_by")) + _line("article", col("article_title"))
             + ("<br><i>" + for_map_series(body) + "</i>").where(body.fillna("") != "", ""))
    place = for_map_series(col("location"))
    tip = for_map_series(col("event_type").astype("string").fillna("") + ": " + actors.fillna("")) + \
        (" (" + place + ")").where(place != "", "")
    colour = col("event_type").map(TYPE_COLOURS).fillna("#455a64")
    radius = [_radius(k) for k in killed.tolist()]
    return [list(r) for r in zip(df["lat"].astype(float).tolist(), df["lon"].astype(float).tolist(), colour.tolist(),
                                 radius, popup.tolist(), tip.tolist(), strict=True)]


def place_rows(df: pd.DataFrame) -> list[list[Any]]:
    rows = []
    for p in df.itertuples(index=False):
        if pd.isna(p.lat) or pd.isna(p.lon):
            continue
        popup = _popup(p.canonical, [("kind", p.kind), ("country", p.country), ("mentions", int(p.mentions)),
                                     ("written as", p.forms)], None)
        rows.append([float(p.lat), float(p.lon), PLACE_COLOUR, 4 + min(8, math.sqrt(float(p.mentions))), popup,
                     for_map(p.canonical)])
    return rows


def statement_rows(st_df: pd.DataFrame, places_df: pd.DataFrame) -> list[list[Any]]:
    """Statements have no place of their own: they are shown at the speaker's country when it is known."""
    centres = {r.canonical: (r.lat, r.lon) for r in places_df.itertuples(index=False)
               if r.kind == "country" and not pd.isna(r.lat)}
    rows = []
    for s in st_df.itertuples(index=False):
        ll = centres.get(s.speaker_actor)
        if ll is None:
            continue
        popup = _popup(f"{s.speaker} ({s.kind})", [("for", s.speaker_actor), ("channel", s.channel),
                                                    ("date", str(s.date)[:10] if not pd.isna(s.date) else None)],
                       s.quote)
        rows.append([float(ll[0]), float(ll[1]), STATEMENT_COLOUR, 5, popup, for_map(s.speaker)])
    return rows


def frame(events: pd.DataFrame, places: pd.DataFrame) -> list[list[float]] | None:
    """Bounds around precise event places (towns, provinces); countries only when there is nothing finer."""
    pts = events.dropna(subset=["lat", "lon"])
    fine = pts[pts["geo_precision"].fillna(3) <= 2] if "geo_precision" in pts else pts
    if fine.empty:
        fine = places[places["kind"] != "country"].dropna(subset=["lat", "lon"]) if not places.empty else places
    if fine.empty:
        fine = pts if not pts.empty else places.dropna(subset=["lat", "lon"])
    if fine.empty:
        return None
    lat0, lat1 = float(fine["lat"].min()), float(fine["lat"].max())
    lon0, lon1 = float(fine["lon"].min()), float(fine["lon"].max())
    pad = 0.6
    return [[lat0 - pad, lon0 - pad], [lat1 + pad, lon1 + pad]]


@dataclass(frozen=True)
class EventLayer:
    """The events' markers as JSON (escaped popups), the bounds to show and the types drawn: what a page caches."""
    json: str
    n: int
    types: tuple[str, ...]
    bounds: list[list[float]] | None


def event_layer(events: pd.DataFrame, places: pd.DataFrame) -> EventLayer:
    rows = event_rows(events)
    types = tuple(sorted(events["event_type"].dropna().unique())) if not events.empty else ()
    return EventLayer(_safe_json(rows), len(rows), types, frame(events, places))


def build(events: pd.DataFrame | None, places: pd.DataFrame, statements: pd.DataFrame | None = None, *,
          layers: tuple[str, ...] = ("events", "places"), tiles: bool = False,
          layer: EventLayer | None = None) -> folium.Map:
    """The map; ``layer``: the events' markers built already (``event_layer``, cached by the page) instead of
    ``events``."""
    layer = layer or event_layer(events if events is not None else pd.DataFrame(columns=["lat", "lon"]), places)
    m = folium.Map(location=[35, 30], zoom_start=4, tiles=None, control_scale=True, prefer_canvas=True)
    m.options.update(max_zoom=18, min_zoom=2)  # with no tile layer Leaflet has no zoom range; clustering needs one
    m.default_js = LEAFLET_JS
    m.default_css = LEAFLET_CSS
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)").add_to(m)
    Borders().add_to(m)
    if "places" in layers and not places.empty:
        PointLayer(place_rows(places), "places", cluster=False).add_to(m)
    if "statements" in layers and statements is not None and not statements.empty:
        PointLayer(statement_rows(statements, places), "statements", cluster=False).add_to(m)
    if "events" in layers and layer.n:
        PointLayer(layer.json, "events", cluster=True).add_to(m)
    if layer.bounds:
        m.fit_bounds(layer.bounds)
    return m


def show(m: folium.Map, *, height: int, key: str) -> None:
    """Send the map to the page. st_folium renders the map itself; render=False skips its extra render of the
    whole figure first (the same HTML, header and script come out; a quarter of a second with 10,000 markers)."""
    st_folium(m, height=height, returned_objects=[], key=key, use_container_width=True, render=False)


def legend_markdown(types: list[str]) -> str:
    """A legend line for the event types on the map (type names only, no article text)."""
    return "  ".join(f":{_badge(t)}-badge[{t}]" for t in types)


def _badge(t: str) -> str:
    c = TYPE_COLOURS.get(t, "")
    return {"#b3261e": "red", "#e8710a": "orange", "#2e7d32": "green", "#43a047": "green", "#558b2f": "green",
            "#0277bd": "blue", "#00897b": "blue", "#00acc1": "blue", "#3949ab": "violet", "#8e5bd0": "violet",
            "#f9a825": "orange"}.get(c, "gray")
