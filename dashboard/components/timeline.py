"""Plotly figures for the time axis: events by type (one dot per event), fatalities and statements per day."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.components.escape import for_plotly
from dashboard.components.map import STATEMENT_COLOUR, TYPE_COLOURS

BAR_WIDTH_MS = 0.8 * 86_400_000  # a day's bar on a date axis (plotly's default is one millisecond wide)


def _wrap(s: str, width: int = 70) -> str:
    words, lines, cur = str(s).split(), [], ""
    for w in words:
        if len(cur) + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "<br>".join(lines[:6])


def daily(by_day: pd.DataFrame, statements_by_day: pd.DataFrame, *, height: int = 560) -> go.Figure:
    """The timeline for many events: daily counts by type, people killed and statements per day."""
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, row_heights=[0.6, 0.2, 0.2], vertical_spacing=0.05,
                        subplot_titles=("Events per day by type", "Reported killed per day", "Statements per day"))
    ev = by_day.dropna(subset=["date"])
    for t, g in ev.groupby("event_type"):
        fig.add_trace(go.Bar(x=g["date"], y=g["n"], name=t, marker_color=TYPE_COLOURS.get(t, "#455a64"),
                             width=BAR_WIDTH_MS, hovertemplate=f"{t} %{{x|%Y-%m-%d}}: %{{y}}<extra></extra>"),
                      row=1, col=1)
    if not ev.empty:
        killed = ev.groupby("date", as_index=False)["fatalities"].sum()
        fig.add_trace(go.Bar(x=killed["date"], y=killed["fatalities"], marker_color="#7f1d1d", showlegend=False,
                             width=BAR_WIDTH_MS,
                             hovertemplate="%{x|%Y-%m-%d}: %{y} killed<extra></extra>"), row=2, col=1)
    sd = statements_by_day.dropna(subset=["date"])
    if not sd.empty:
        fig.add_trace(go.Bar(x=sd["date"], y=sd["n"], marker_color=STATEMENT_COLOUR, showlegend=False, width=BAR_WIDTH_MS,
                             hovertemplate="%{x|%Y-%m-%d}: %{y} statements<extra></extra>"), row=3, col=1)
    fig.update_layout(height=height, barmode="stack", margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.08), bargap=0.1)
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d", range=_range(ev, sd))
    return fig


def figure(events: pd.DataFrame, statements: pd.DataFrame, *, height: int = 560) -> go.Figure:
    """Three rows on one time axis: events by type, people killed per day, statements per day."""
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, row_heights=[0.6, 0.2, 0.2], vertical_spacing=0.05,
                        subplot_titles=("Events by type", "Reported killed per day", "Statements per day"))
    ev = events.dropna(subset=["date"]).copy()
    if not ev.empty:
        # hover text is plotly's own markup: every article-derived string goes through for_plotly
        ev["actors"] = (ev["actor1"].fillna("?") + " → " + ev["actor2"].fillna("?")).map(for_plotly)
        ev["hover"] = ev["sentence"].fillna("").map(lambda s: _wrap(for_plotly(s)))
        ev["location"] = ev["location"].map(for_plotly, na_action="ignore")
        # several events of one type on one day: spread them across that day so each dot can be hovered
        ev["date"] = pd.to_datetime(ev["date"])
        rank = ev.groupby(["date", "event_type"]).cumcount()
        size = ev.groupby(["date", "event_type"])["event_type"].transform("size")
        ev["x"] = ev["date"] + pd.to_timedelta((rank + 1) / (size + 1) * 20 + 2, unit="h")
        for t, g in ev.groupby("event_type", sort=True):
            fig.add_trace(go.Scatter(
                x=g["x"], y=g["event_type"], mode="markers", name=t,
                marker=dict(color=TYPE_COLOURS.get(t, "#455a64"), size=11, opacity=0.8,
                            line=dict(width=0.5, color="white")),
                customdata=g[["actors", "hover", "location"]].fillna("").to_numpy(),
                hovertemplate="<b>%{y}</b> %{x|%Y-%m-%d}<br>%{customdata[0]}<br>%{customdata[2]}<br>"
                              "<i>%{customdata[1]}</i><extra></extra>"), row=1, col=1)
        per_day = ev.groupby("date", as_index=False)["fatalities"].sum()
        fig.add_trace(go.Bar(x=per_day["date"], y=per_day["fatalities"], name="killed", width=BAR_WIDTH_MS,
                             marker_color="#7f1d1d",
                             showlegend=False, hovertemplate="%{x|%Y-%m-%d}: %{y} killed<extra></extra>"), row=2, col=1)
    stt = statements.dropna(subset=["date"])
    if not stt.empty:
        per_day_s = stt.groupby("date", as_index=False).size()
        fig.add_trace(go.Bar(x=per_day_s["date"], y=per_day_s["size"], name="statements", width=BAR_WIDTH_MS,
                             marker_color=STATEMENT_COLOUR,
                             showlegend=False, hovertemplate="%{x|%Y-%m-%d}: %{y} statements<extra></extra>"), row=3, col=1)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=-0.08),
                      hovermode="closest", bargap=0.3)
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d", range=_range(events, statements))
    return fig


def _range(*frames: pd.DataFrame) -> list[pd.Timestamp] | None:
    """Whole days around the data, at least a week wide, so one day of data is not drawn in milliseconds."""
    parts = [pd.to_datetime(f["date"]) for f in frames if not f.empty and "date" in f]
    dates = pd.concat(parts).dropna() if parts else pd.Series(dtype="datetime64[ns]")
    if dates.empty:
        return None
    lo, hi = dates.min().normalize(), dates.max().normalize() + pd.Timedelta(days=1)
    pad = max(pd.Timedelta(days=1), (pd.Timedelta(days=7) - (hi - lo)) / 2)
    return [lo - pad, hi + pad]


def small(by_day: pd.DataFrame) -> go.Figure:
    """Events per day, stacked by type (from the store's daily counts)."""
    ev = by_day.dropna(subset=["date"])
    fig = go.Figure()
    if not ev.empty:
        for t, g in ev.groupby("event_type"):
            fig.add_trace(go.Bar(x=g["date"], y=g["n"], name=t, marker_color=TYPE_COLOURS.get(t, "#455a64"),
                                 width=BAR_WIDTH_MS, hovertemplate=f"{t} %{{x|%Y-%m-%d}}: %{{y}}<extra></extra>"))
    fig.update_layout(barmode="stack", height=260, margin=dict(l=10, r=10, t=10, b=10), showlegend=False,
                      xaxis=dict(type="date", tickformat="%Y-%m-%d", range=_range(ev)))
    return fig
