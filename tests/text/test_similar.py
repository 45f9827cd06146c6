"""Near-duplicate hints: the pairs of persian-ui.md §5 and the speed budget."""

import random
import statistics
import time

import pytest

from workshop.text.similar import DEFAULT_THRESHOLD, SimilarityIndex

STREET = "کاهش ترافیک در خیابان چهارباغ"

# (existing, new) pairs that must be suggested, one per row of the §5 table.
NEAR = [
    ("ایجاد پارک محله\u200cای", "ايجاد پارك محله اي"),  # Arabic letters, space for ZWNJ
    (STREET, "ترافیک خیابان چهارباغ کاهش یابد"),  # reordered plus «یابد»
    (
        "افزایش ایستگاه\u200cهای دوچرخه در میدان نقش جهان",
        "افزایش ایستگاههای دوچرخه در نقش جهان",  # ZWNJ dropped, one word dropped
    ),
    ("ایجاد پیاده\u200cراه چهارباغ", "ایجاد پیاده\u200cراه در چهار باغ"),
    ("Bike lanes on Chaharbagh", "bike lane on chaharbagh street"),
]
# Pairs that must not be suggested: related but different, and unrelated.
FAR = [
    ("کاهش ترافیک خیابان چهارباغ", "افزایش پارکینگ خیابان چهارباغ"),
    (STREET, "برگزاری جشنواره کتاب کودک"),
]


def score(existing, new):
    """Best score of `new` against an index holding only `existing` (0 if no hint)."""
    found = SimilarityIndex([(1, existing)]).find(new, threshold=0)
    return found[0][1] if found else 0.0


@pytest.mark.parametrize(("existing", "new"), NEAR)
def test_near_duplicates_suggested(existing, new):
    assert score(existing, new) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("existing", "new"), FAR)
def test_different_proposals_not_suggested(existing, new):
    assert score(existing, new) < DEFAULT_THRESHOLD
    assert SimilarityIndex([(1, existing)]).find(new) == []


@pytest.mark.parametrize("tail", ["محله\u200cای", "محله ای", "محلهای", "مَحَلّه\u200cاي"])
def test_exact_compact_key_scores_100(tail):
    assert score("ایجاد پارک محله\u200cای", f"ایجاد پارک {tail}") == 100.0


def test_short_texts_do_not_match_as_word_subsets():
    index = SimilarityIndex([(1, "ایجاد پارک محله در خیابان کاوه")])
    assert index.find("پارک") == []
    assert index.find("پارک محله") == []


def test_invisible_variants_of_a_name_match():
    index = SimilarityIndex([("a", "Alice")])
    assert index.find("Alice\u200b") == [("a", 100.0)]
    assert index.find("\ufeffALICE") == [("a", 100.0)]


def test_results_sorted_and_limited():
    index = SimilarityIndex(
        [
            (1, "افزایش ایستگاه\u200cهای دوچرخه در میدان نقش جهان"),
            (2, "افزایش ایستگاههای دوچرخه در نقش جهان"),
            (3, "افزایش ایستگاه دوچرخه در میدان نقش جهان"),
            (4, "برگزاری جشنواره کتاب کودک"),
        ]
    )
    found = index.find("افزایش ایستگاه های دوچرخه در میدان نقش جهان")
    assert [item_id for item_id, _score in found] == [1, 3, 2]
    assert found[0][1] == 100.0
    assert [s for _id, s in found] == sorted((s for _id, s in found), reverse=True)
    assert len(index.find("افزایش ایستگاه های دوچرخه در میدان نقش جهان", limit=1)) == 1


def test_add_replace_remove():
    index = SimilarityIndex()
    index.add(7, STREET)
    assert 7 in index
    assert len(index) == 1
    assert index.find(STREET) == [(7, 100.0)]
    index.add(7, "برگزاری جشنواره کتاب کودک")  # an edit replaces the old text
    assert index.find(STREET) == []
    index.remove(7)
    index.remove(7)  # removing twice is harmless
    assert len(index) == 0
    assert index.find("برگزاری جشنواره کتاب کودک") == []


def test_two_ids_with_the_same_text():
    index = SimilarityIndex([(1, STREET), (2, STREET)])
    index.remove(1)
    assert index.find(STREET) == [(2, 100.0)]


@pytest.mark.parametrize("text", ["", "   ", "«»؟!", "\u200b"])
def test_empty_keys_never_match(text):
    index = SimilarityIndex([(1, text), (2, STREET)])
    assert len(index) == 1
    assert index.find(text) == []


def _titles(count, rng):
    """Plausible proposal titles from small word lists."""
    actions = ["ایجاد", "افزایش", "کاهش", "بهبود", "ساماندهی", "نوسازی", "ایمن\u200cسازی"]
    things = ["پارک محله\u200cای", "ایستگاه دوچرخه", "پیاده\u200cرو", "روشنایی معابر", "فضای سبز"]
    places = ["خیابان چهارباغ", "میدان نقش جهان", "محلهٔ جلفا", "پل خواجو", "بلوار کشاورز"]
    extras = ["", "برای سالمندان", "در ساعات شب", "با مشارکت شهروندان"]
    return [
        " ".join([rng.choice(actions), rng.choice(things), "در", rng.choice(places)])
        + " "
        + rng.choice(extras)
        for _n in range(count)
    ]


def test_checking_against_500_is_fast():
    rng = random.Random(7)
    index = SimilarityIndex(enumerate(_titles(500, rng)))
    timings = []
    for title in _titles(50, rng):
        start = time.perf_counter()
        index.find(title)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.010
