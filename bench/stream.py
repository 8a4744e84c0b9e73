"""A worker of the stream benchmark: parse a slice of the scale corpus to JSON lines, noting memory."""
from __future__ import annotations

import json
import os
import resource


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def parse_part(args: tuple[int, int, str]) -> tuple[list[tuple[int, float]], float]:
    lo, hi, path = args
    from bench import corpus
    from core import parse_article
    marks = []
    every = max(100, (hi - lo) // 10)  # ten memory marks over the stream
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(lo, hi):
            lang = "nb" if i % 2 == 0 else "en"
            text, pub = corpus.article(i, lang)
            doc = parse_article(text, lang=lang, published=pub, source="scale corpus").to_dict(with_text=True)
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            if (i - lo + 1) % every == 0 or i == hi - 1:
                marks.append((i - lo + 1, rss_mb()))
    return marks, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


