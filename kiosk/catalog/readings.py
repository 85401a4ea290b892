"""`python -m kiosk.catalog.readings`: a JSON list of texts on stdin → a JSON list of
[text, full pinyin, initials] on stdout, in the same order. Run by the search index so that
pypinyin's tables (~57 MB) never stay in the kiosk process."""

from __future__ import annotations

import json
import sys

from kiosk.catalog.search import _readings


def main() -> int:
    try:
        texts = json.loads(sys.stdin.read())
    except ValueError as exc:
        print(f"kiosk.catalog.readings: stdin is not JSON: {exc}", file=sys.stderr)
        return 2
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        print("kiosk.catalog.readings: stdin must be a JSON list of strings", file=sys.stderr)
        return 2
    json.dump([list(_readings(text)) for text in texts], sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
