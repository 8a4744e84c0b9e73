"""The map's markers built column by column (dashboard/components/map.py) say what the row-by-row popup said."""
from __future__ import annotations

import pandas as pd

from dashboard.components import map as mapc


def test_column_built_popups_are_the_escaped_row_popups():
    df = pd.DataFrame({
        "lat": [31.5, None, 36.2], "lon": [34.4, 35.0, 37.1], "actor1": ["<b>A</b>`${x}`", "X", None],
        "actor2": ["B&C", None, "Civilians"], "date": [pd.Timestamp("2024-06-06"), None, None],
        "event_type": ["ASSAULT", "PROTEST", "PROTEST"], "location": ["Nuseirat's", None, None],
        "fatalities": [27, None, None], "reported_by": [None, None, "Wire"], "article_title": ["T\\\\x {y}", None, ""],
        "sentence": ["s" * 500, None, None]})
    rows = mapc.event_rows(df)
    assert len(rows) == 2  # the row without a point is left out
    expected = mapc._popup("ASSAULT", [("date", "2024-06-06"), ("actors", "<b>A</b>`${x}` → B&C"),
                                       ("place", "Nuseirat's"), ("killed", 27), ("reported by", None),
                                       ("article", "T\\\\x {y}")], "s" * 500)
    assert rows[0][4] == expected and "<b>A<" not in rows[0][4] and "${" not in rows[0][4]
    assert rows[0][5] == "ASSAULT: &lt;b&gt;A&lt;/b&gt;&#96;&#36;&#123;x&#125;&#96; → B&amp;C (Nuseirat&#x27;s)"
    assert rows[1][4] == "<b>PROTEST</b><br>actors: Civilians<br>reported by: Wire" and rows[1][5] == "PROTEST: Civilians"
    assert rows[0][3] > rows[1][3]  # the toll sizes the marker
