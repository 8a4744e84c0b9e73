"""How dashboard/static/ was made (run once by a developer; nothing runs this at install or run time).

    npm pack leaflet@1.9.4 leaflet.markercluster@1.5.3 world-atlas@2.0.2   # in an empty folder, then untar
    python scripts/vendor_assets.py NPM_FOLDER dashboard/static

Copies Leaflet and Leaflet.markercluster, and turns world-atlas' Natural Earth
1:50m countries (TopoJSON) into GeoJSON with coordinates rounded to 0.01 degree and
rings cut at the antimeridian made continuous. (`python scripts/vendor_assets.py
--unwrap dashboard/static` applies that last step to the GeoJSON already there.)
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


def topo_to_geo(topo: dict, name: str) -> dict:
    tf = topo.get("transform")
    scale, translate = (tf["scale"], tf["translate"]) if tf else ((1, 1), (0, 0))
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = (x + dx, y + dy) if tf else (dx, dy)
            pts.append([round(x * scale[0] + translate[0], 2), round(y * scale[1] + translate[1], 2)])
        arcs.append(pts)

    def ring(idx: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(a if not out else a[1:])
        return out

    feats = []
    for g in topo["objects"][name]["geometries"]:
        if g["type"] == "Polygon":
            geom = {"type": "Polygon", "coordinates": [ring(r) for r in g["arcs"]]}
        elif g["type"] == "MultiPolygon":
            geom = {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in g["arcs"]]}
        else:
            continue
        feats.append({"type": "Feature", "properties": {"name": g.get("properties", {}).get("name")},
                      "geometry": geom})
    return {"type": "FeatureCollection", "features": feats}


def unwrap_antimeridian(geo: dict) -> dict:
    """Rings cut at the antimeridian (Russia's Chukotka, Fiji) run from +180 to -180 in one step, which a flat
    map draws as a band round the whole world; their western longitudes move past +180 so each ring is
    continuous. Rings round a pole (Antarctica: unwrapped, they end 360 degrees from where they start) stay."""
    for f in geo["features"]:
        g = f["geometry"]
        for poly in g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]:
            for ring in poly:
                lons = [p[0] for p in ring]
                if max(lons) - min(lons) <= 180:
                    continue
                winding = sum(b - a - 360 * round((b - a) / 360) for a, b in zip(lons, lons[1:], strict=False))
                if abs(winding) > 180:
                    continue  # round a pole
                for p in ring:
                    if p[0] < 0:
                        p[0] = round(p[0] + 360, 2)
    return geo


def main(npm: Path, static: Path) -> None:
    vendor = static / "vendor"
    leaflet = npm / "leaflet-1.9.4" / "package" / "dist"
    (vendor / "leaflet").mkdir(parents=True, exist_ok=True)
    for f in ("leaflet.js", "leaflet.css"):
        shutil.copy(leaflet / f, vendor / "leaflet" / f)
    shutil.copytree(leaflet / "images", vendor / "leaflet" / "images", dirs_exist_ok=True)
    mc = npm / "leaflet.markercluster-1.5.3" / "package" / "dist"
    (vendor / "markercluster").mkdir(parents=True, exist_ok=True)
    for f in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
        shutil.copy(mc / f, vendor / "markercluster" / f)
    topo = json.loads((npm / "world-atlas-2.0.2" / "package" / "countries-50m.json").read_text())
    geo = unwrap_antimeridian(topo_to_geo(topo, "countries"))
    (static / "countries-50m.geojson").write_text(json.dumps(geo, separators=(",", ":")))


if __name__ == "__main__":
    if sys.argv[1] == "--unwrap":
        path = Path(sys.argv[2]) / "countries-50m.geojson"
        path.write_text(json.dumps(unwrap_antimeridian(json.loads(path.read_text())), separators=(",", ":")))
    else:
        main(Path(sys.argv[1]), Path(sys.argv[2]))
