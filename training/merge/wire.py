"""Write `wire/`, the generated wire corpus (tests/data/corpus/generate.py) in the coverage
format `sitrep train merge` reads: each original article mentions its one event as news.

Its look-alike events (the same town on another day, the same day in a town far away) are the
negatives the multi-outlet coverage corpora lack: without them the pair model learned that
reports of one region and week with similar words are one event.

Run: python training/merge/wire.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests" / "data" / "corpus"))

from generate import build_corpus  # noqa: E402
from score import EVENT_TYPE, _kind  # noqa: E402


def main() -> None:
    out = HERE / "wire"
    out.mkdir(exist_ok=True)
    articles = [a for a in build_corpus() if not a["dup_of"]]
    types = {str(a["event"]): EVENT_TYPE[_kind(a)] for a in articles}
    with (out / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({
                "id": a["id"], "outlet": a["source"], "url": a["url"],
                "published": a["published"], "title": a["title"], "text": a["text"],
                "mentions": [{"event": a["event"], "status": "new", "evidence": a["text"]}],
            }, ensure_ascii=False) + "\n")
    with (out / "events.jsonl").open("w", encoding="utf-8") as handle:
        for key, kind in sorted(types.items()):
            handle.write(json.dumps({"event": key, "type": kind}) + "\n")
    print(f"{out}: {len(articles)} articles, {len(types)} events")


if __name__ == "__main__":
    main()
