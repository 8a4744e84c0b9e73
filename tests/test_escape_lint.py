"""Every value the dashboard hands to a Streamlit call that renders Markdown is escaped (an AST lint over dashboard/).

Streamlit reads Markdown in subheaders, captions, ``st.markdown``/``st.write``, messages, and the labels and help of
expanders, metrics, tabs, status boxes and widgets. A value reaching one of them is accepted only when it cannot
carry article text: a string literal, a number, an UPPER_CASE constant of ours, or the result of an escaping
producer (``for_markdown`` and the highlight/legend builders that escape inside). Anything else -- a title, an
outlet, a file name, a speaker, an exception's message -- fails here with its file and line.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

DASHBOARD = ROOT / "dashboard"
# Streamlit calls whose text arguments are Markdown: position 0 and these keywords
SINKS = {"title", "header", "subheader", "caption", "markdown", "write", "info", "warning", "error", "success",
         "toast", "exception", "expander", "metric", "tabs", "status", "spinner", "popover", "button", "download_button",
         "form_submit_button", "link_button", "page_link", "checkbox", "toggle", "radio", "selectbox", "multiselect",
         "text_input", "text_area", "number_input", "date_input", "time_input", "file_uploader", "pills",
         "segmented_control", "slider", "select_slider", "color_picker", "chat_input", "form"}
FIRST_ARG_IS_TEXT = SINKS - {"form"}  # st.form's first argument is its key
TEXT_KEYWORDS = {"label", "body", "help", "text", "value", "delta"}
KEYWORD_ONLY = {"update": {"label"}, "progress": {"text"}}  # status.update(label=...), bar.progress(x, text=...)
VALUE_KEYWORDS_OF = {"metric"}  # "value"/"delta" are Markdown only for st.metric (a widget's value is not)
ESCAPERS = {"md", "for_markdown", "legend", "legend_markdown",  # for_markdown and producers that escape inside
            "_heading",  # views/events.py: an event's heading, its parts through for_markdown
            "label"}  # components/tables.label: our own column labels (LABELS), never article text
HIGHLIGHT_MARKDOWN = ("highlight", "markdown")  # highlight.markdown(text, marks): escaped text with our own marks
NUMERIC = {"len", "int", "float", "round", "sum", "min", "max"}
NUMERIC_SPEC = set("0123456789,._%dfegn+- ")


def _call_name(node: ast.Call) -> tuple[str | None, str | None]:
    """(receiver, attribute) of ``x.attr(...)`` or (None, name) of ``name(...)``."""
    f = node.func
    if isinstance(f, ast.Attribute):
        recv = f.value.id if isinstance(f.value, ast.Name) else f.value.attr if isinstance(f.value, ast.Attribute) else ""
        return recv, f.attr
    if isinstance(f, ast.Name):
        return None, f.id
    return None, None


def safe(node: ast.AST, names: frozenset[str] = frozenset()) -> bool:
    """Can this expression only produce text that is literal or already escaped? (``names``: bound only so)"""
    def ok(n: ast.AST) -> bool:
        return safe(n, names)
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name) and node.id in names:
        return True
    if isinstance(node, ast.Subscript):  # HELP[fmt]: an entry of one of our constant tables
        return _constant_table(node.value)
    if isinstance(node, ast.JoinedStr):
        return all(ok(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        spec = node.format_spec
        numeric = spec is not None and all(isinstance(v, ast.Constant) and set(str(v.value)) <= NUMERIC_SPEC
                                           for v in spec.values)
        return numeric or ok(node.value)
    if isinstance(node, (ast.Name, ast.Attribute)):
        name = node.id if isinstance(node, ast.Name) else node.attr
        return name.isupper()  # our own constants (TABLE_ROWS, DB_ENV)
    if isinstance(node, ast.Call):
        recv, name = _call_name(node)
        if name in ESCAPERS or name in NUMERIC or (recv, name) == HIGHLIGHT_MARKDOWN:
            return True
        if name == "join" and isinstance(node.func, ast.Attribute) and ok(node.func.value) and node.args:
            arg = node.args[0]
            return ok(arg.elt) if isinstance(arg, (ast.GeneratorExp, ast.ListComp)) else ok(arg)
        return False
    if isinstance(node, ast.BinOp):
        return ok(node.left) and ok(node.right)
    if isinstance(node, ast.IfExp):
        return ok(node.body) and ok(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(ok(e) for e in node.elts)
    if isinstance(node, (ast.ListComp, ast.GeneratorExp)):
        return ok(node.elt)
    return False


def _constant_table(node: ast.AST) -> bool:
    """FORMATS, state.FORMATS, FORMATS.items(): one of our UPPER_CASE constants."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("items", "values",
                                                                                                     "keys"):
        node = node.func.value
    if isinstance(node, (ast.Name, ast.Attribute)):
        return (node.id if isinstance(node, ast.Name) else node.attr).isupper()
    return False


def constant_names(tree: ast.AST) -> frozenset[str]:
    """Names every binding of which comes from a literal or one of our constant tables (loop and unpack targets)."""
    good: set[str] = set()
    bad: set[str] = set()

    def bind(target: ast.AST, from_constant: bool) -> None:
        for n in ast.walk(target):
            if isinstance(n, ast.Name):
                (good if from_constant else bad).add(n.id)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                bind(t, _constant_table(node.value) or isinstance(node.value, ast.Subscript) and _constant_table(
                    node.value.value) or safe(node.value))  # title = for_markdown(...): escaped once, used later
        elif isinstance(node, (ast.For, ast.comprehension)):
            it = node.iter
            literal = isinstance(it, (ast.List, ast.Tuple)) and all(
                isinstance(e, ast.Constant) or isinstance(e, ast.Tuple) and all(isinstance(x, ast.Constant)
                                                                                for x in e.elts) for e in it.elts)
            consts = _constant_table(it) or literal
            if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "zip":
                consts = False  # zip(columns, [...]): not every part is ours
            bind(node.target, consts)
        elif isinstance(node, (ast.FunctionDef, ast.Lambda)):
            for a in node.args.args + node.args.kwonlyargs:
                bad.add(a.arg)
    return frozenset(good - bad)


def text_arguments(node: ast.Call) -> list[ast.AST]:
    """The arguments of a Streamlit call that Streamlit renders as Markdown (empty for any other call)."""
    recv, name = _call_name(node)
    if not isinstance(node.func, ast.Attribute) or (recv, name) == HIGHLIGHT_MARKDOWN:
        return []
    if name in KEYWORD_ONLY:
        return [k.value for k in node.keywords if k.arg in KEYWORD_ONLY[name]]
    if name not in SINKS:
        return []
    keys = TEXT_KEYWORDS if name in VALUE_KEYWORDS_OF else TEXT_KEYWORDS - {"value", "delta"}
    out = [k.value for k in node.keywords if k.arg in keys]
    if name in FIRST_ARG_IS_TEXT and node.args:
        out.append(node.args[0])
    if name in VALUE_KEYWORDS_OF and len(node.args) > 1:
        out.extend(node.args[1:3])
    return out


def violations(source: str, filename: str = "<src>") -> list[str]:
    """file:line of every Markdown argument that is not literal or escaped (any receiver: st, a column, a box)."""
    out = []
    tree = ast.parse(source, filename)
    names = constant_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for arg in text_arguments(node):
            if not safe(arg, names):
                out.append(f"{filename}:{arg.lineno}: {ast.unparse(arg)[:80]}")
    return out


def dashboard_files() -> list[Path]:
    return sorted(p for p in DASHBOARD.rglob("*.py") if p.name != "escape.py")


def test_every_markdown_sink_in_the_dashboard_takes_escaped_text():
    found = [v for p in dashboard_files() for v in violations(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT)))]
    assert found == [], "raw values reach Streamlit Markdown (wrap them in for_markdown):\n" + "\n".join(found)


def test_the_lint_walks_the_dashboard():
    calls = sum(len(text_arguments(n)) for p in dashboard_files() for n in ast.walk(ast.parse(p.read_text()))
                if isinstance(n, ast.Call))
    assert calls > 60  # every page's subheaders, captions, labels and messages are seen


@pytest.mark.parametrize("src", [
    "st.subheader(art.get('title'))",
    "st.caption(f\"From: {title} · {source}\")",
    "st.write(f\"**{label}**: not stored — {exc}\")",
    "with st.expander(f\"{label} — {doc['article']['title']}\"):\n    pass",
    "col.metric(name, 3)",
    "st.tabs([f\"{n}\" for n in names])",
    "status.update(label=f\"{name} done\")",
    "st.error(str(exc))",
    "st.markdown(text)",
    "st.sidebar.caption(outlet)",
    "c1.text_input('Outlet', help=f'from {source}')",
    "st.caption(', '.join(names))",
    "st.caption(f'{title:>20}')",
    "for label in titles:\n    st.caption(label)",
    "label = 'x'\nlabel = doc['title']\nst.caption(label)",
    "def f(label):\n    st.caption(label)",
    "title = for_markdown(t)\ntitle = t\nst.caption(title)",
])
def test_a_raw_value_fails(src):
    assert violations(src), src


@pytest.mark.parametrize("src", [
    "st.subheader(md(art.get('title') or 'Untitled'))",
    "st.caption(f\"{n:,} events · {md(source)} · {len(df):,} shown\")",
    "st.markdown(highlight.markdown(text, marks))",
    "st.caption(f'the newest {TABLE_ROWS:,} rows, {state.TIMELINE_DOTS:,} dots')",
    "st.caption(', '.join(f'{v:,} {md(k)}' for k, v in c.items()))",
    "st.dataframe(df)",
    "st.text_input('Outlet', value=outlet)",
    "st.form('upload_form')",
    "for label, ext in FORMATS.values():\n    col.download_button(label, help=HELP[ext])",
    "for name in ['Articles', 'Events']:\n    st.metric(name, 3)",
    "title = for_markdown(t)\nst.caption(f'{title} and more')",
])
def test_an_escaped_or_literal_value_passes(src):
    assert violations(src) == [], src


HOSTILE = "Breaking ![t](http://198.51.100.7/i.png) [Read more](http://198.51.100.7/x) :red[ALERT] <a href='//x'>x</a>"


def test_for_markdown_leaves_no_markup_and_no_bare_address():
    from dashboard.components.escape import for_markdown
    out = for_markdown(HOSTILE + " www.example.org a@b.no")
    assert all(f"\\{c}" in out for c in "![]():<>")  # every mark escaped
    assert "\u2060http" in out and "\u2060www" in out and "\u2060\\@" in out  # GFM links no bare address
    assert for_markdown(None) == ""


def test_plotly_labels_escape_article_text():
    import pandas as pd

    from dashboard.components import network, timeline
    edges = pd.DataFrame([{"source": HOSTILE, "target": "Tyrkia", "kind": "ASSAULT", "n": 2}])
    texts = [t for tr in network.figure(edges).data for t in (tr.text if isinstance(tr.text, tuple) else [tr.text]) if t]
    assert texts and not any("<a" in t or "<br" in t for t in texts), texts
    ev = pd.DataFrame([{"date": "2020-02-28", "event_type": "ASSAULT", "actor1": HOSTILE, "actor2": None,
                        "location": HOSTILE, "sentence": HOSTILE, "fatalities": 0}])
    fig = timeline.figure(ev, pd.DataFrame(columns=["date"]))
    data = [str(v) for tr in fig.data if tr.customdata is not None for row in tr.customdata for v in row]
    assert data and not any("<a" in v for v in data), data
