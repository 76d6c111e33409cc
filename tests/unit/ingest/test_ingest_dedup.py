"""De-duplication: exact ids, near copies, updates, the window."""

from __future__ import annotations

from ingest_samples import OTHER_STORY, STORY

from ingest.cleaning import clean_body
from ingest.dedup import DedupIndex, content_id, fingerprint, numbers, tokens

T0 = 2_000_000_000.0
FULL = "\n\n".join(STORY)


def index_with(*bodies: str, at: float = T0) -> DedupIndex:
    index = DedupIndex(window_s=3600)
    for body in bodies:
        index.add(fingerprint(body), at)
    return index


def test_ids_are_deterministic_and_ignore_case_punctuation_and_spacing():
    assert content_id(FULL) == content_id(FULL.upper().replace('"', "\u201c").replace("\n\n", "\n   "))
    assert content_id(FULL) != content_id(FULL.replace("12,000", "13,000"))
    assert len(content_id(FULL)) == 32


def test_exact():
    match = index_with(FULL).lookup(fingerprint(FULL.replace("\n\n", " ")), T0)
    assert match.kind == "exact" and match.entry.article_id == content_id(FULL)


def test_copy_with_an_edited_sentence():
    edited = FULL.replace("told reporters", "said in Oldmere").replace("the provincial capital Oldmere",
                                                                          "Oldmere, the provincial capital")
    match = index_with(FULL).lookup(fingerprint(edited), T0)
    assert match is not None and match.kind == "copy" and match.similarity >= 0.6


def test_copy_cut_short_by_an_outlet():
    shortened = "\n\n".join(STORY[:3])
    match = index_with(FULL).lookup(fingerprint(shortened), T0)
    assert match is not None and match.kind == "copy"


def test_the_full_story_after_a_short_one_is_an_update():
    shortened = "\n\n".join(STORY[:2])
    match = index_with(shortened).lookup(fingerprint(FULL), T0)
    assert match is not None and match.kind == "update"


def test_a_new_figure_makes_an_update_not_a_copy():
    raised = FULL.replace("more than 12,000", "more than 25,000")
    match = index_with(FULL).lookup(fingerprint(raised), T0)
    assert match is not None and match.kind == "update"


def test_unrelated_stories_do_not_match():
    assert index_with(FULL).lookup(fingerprint(OTHER_STORY), T0) is None


def test_short_texts_only_match_exactly():
    index = index_with("Floods displace 3,000 in Lakeshire")
    assert index.lookup(fingerprint("Floods displace 3,000 in Lakeshire today"), T0) is None
    assert index.lookup(fingerprint("floods displace 3,000 in lakeshire!"), T0).kind == "exact"


def test_window_and_capacity():
    index = index_with(FULL, at=T0)
    assert index.lookup(fingerprint(FULL), T0 + 3599) is not None
    assert index.lookup(fingerprint(FULL), T0 + 3601) is None and len(index) == 0
    small = DedupIndex(window_s=3600, max_entries=2)
    for n in range(5):
        small.add(fingerprint(f"{OTHER_STORY} Update number {n}."), T0 + n)
    assert len(small) == 2
    assert fingerprint(f"{OTHER_STORY} Update number 4.").article_id in small


def test_remove_forgets_similarity_too():
    index = index_with(FULL)
    index.remove(content_id(FULL))
    assert index.lookup(fingerprint(FULL.replace("told reporters", "said")), T0) is None
    assert index._buckets == {}


def test_numbers_are_figures_not_years():
    assert numbers(tokens("In 2031 about 12,000 (12.000; 12 000) people and 40 villages, May 2")) == \
        {"12", "000", "40", "2"}


def test_web_copies_of_one_wire_story_collapse_after_cleaning():
    from ingest_samples import WIRE_BODY, web_copy
    bodies = {clean_body(text)[0] for text in (WIRE_BODY, web_copy("A"), web_copy("B"))}
    assert len({content_id(body) for body in bodies}) == 1
