"""Time SimilarityIndex.find against 500 Persian focus-point titles (no network).

Run: .venv/bin/python bench/bench_similarity.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.text.similar import SimilarityIndex  # noqa: E402

ACTIONS = [
    "ایجاد",
    "افزایش",
    "کاهش",
    "بهبود",
    "ساماندهی",
    "توسعه",
    "احداث",
    "نوسازی",
    "تعریض",
    "ایمن‌سازی",
    "زیباسازی",
    "گسترش",
    "تقویت",
    "بازسازی",
    "مناسب‌سازی",
]
OBJECTS = [
    "پارک محله‌ای",
    "ایستگاه‌های دوچرخه",
    "پیاده‌رو",
    "روشنایی معابر",
    "سطل‌های زباله",
    "پارکینگ عمومی",
    "فضای سبز",
    "خطوط اتوبوس",
    "مسیر دوچرخه",
    "نیمکت‌های عمومی",
    "سرویس بهداشتی",
    "کتابخانهٔ محله",
    "زمین بازی کودکان",
    "ترافیک",
    "آلودگی هوا",
    "سرعت‌گیرها",
    "تابلوهای راهنما",
    "شبکهٔ فاضلاب",
    "درختکاری",
    "بازارچهٔ محلی",
]
PLACES = [
    "خیابان چهارباغ",
    "میدان نقش جهان",
    "محلهٔ جلفا",
    "پل خواجو",
    "خیابان هزارجریب",
    "میدان آزادی",
    "محلهٔ سپاهان‌شهر",
    "خیابان کاوه",
    "بلوار کشاورز",
    "منطقهٔ ۵",
    "حاشیهٔ زاینده‌رود",
    "خیابان مشتاق",
    "محلهٔ دردشت",
    "میدان احمدآباد",
    "خیابان جی",
]
EXTRAS = [
    "", "", "", "برای سالمندان", "در ساعات شب", "با مشارکت شهروندان", "برای کودکان",
    "در روزهای تعطیل", "با اولویت ایمنی", "به‌ویژه در زمستان", "و محله‌های اطراف",
]


def make_title(rng: random.Random) -> str:
    """One plausible proposal title such as «ایجاد پارک محله‌ای در محلهٔ جلفا»."""
    words = [rng.choice(ACTIONS), rng.choice(OBJECTS), "در", rng.choice(PLACES)]
    extra = rng.choice(EXTRAS)
    return " ".join(words + ([extra] if extra else []))


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile, enough for a benchmark printout."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * len(ordered))) - 1)]


def main(existing: int = 500, queries: int = 300) -> None:
    """Build an index of `existing` titles, then time `queries` lookups of new titles."""
    rng = random.Random(1405)
    start = time.perf_counter()
    index = SimilarityIndex((i, make_title(rng)) for i in range(existing))
    build_ms = (time.perf_counter() - start) * 1000
    timings, hits = [], 0
    for _n in range(queries):
        title = make_title(rng)
        start = time.perf_counter()
        found = index.find(title)
        timings.append((time.perf_counter() - start) * 1000)
        hits += bool(found)
    print(f"index of {len(index)} titles built in {build_ms:.1f} ms")
    print(
        f"find() x{queries}: median {statistics.median(timings):.3f} ms, "
        f"p95 {percentile(timings, 95):.3f} ms, max {max(timings):.3f} ms"
    )
    print(f"queries with at least one suggestion >= 85: {hits}/{queries}")


if __name__ == "__main__":
    main()
