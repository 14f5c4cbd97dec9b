"""Searcher: results as objects and dicts, facets, options, similar, stats, entities, threads."""

import json
import threading

import pytest

import newsdex
from conftest import ARTICLES

EVERYTHING = "year:2024 OR year:2025"  # every article of ARTICLES


def test_hits_have_attributes(collection):
    results = newsdex.Searcher(collection).search("defence spending", limit=5)
    assert len(results) == len(results.hits) >= 2
    assert results.total_estimate >= len(results)
    top = results[0]
    assert top.rank == 1 and top.score > 0
    assert top.id in ("alliance.txt", "shipyard.txt")
    assert top.title and top.date.startswith("202") and top.source == "Harbour Wire"
    assert isinstance(top.entities, list)
    for begin, end in top.highlights:
        assert top.snippet[begin:end].lower().startswith(("defen", "spend"))
    assert [h.rank for h in results] == list(range(1, len(results) + 1))


def test_a_british_spelling_finds_the_american_one(collection):
    ids = {h.id for h in newsdex.Searcher(collection).search("defence budget")}
    assert "budget.txt" in ids  # written "defense budget"


def test_entity_boost_is_a_keyword(collection):
    searcher = newsdex.Searcher(collection)
    on = searcher.search("NATO defence spending", explain=True)
    off = searcher.search("NATO defence spending", explain=True, entity_boost=False)
    assert "AND_MAYBE" in on.explanation["tree"]
    assert "AND_MAYBE" not in off.explanation["tree"]
    assert sorted(h.id for h in on) == sorted(h.id for h in off)  # the order changes, not the matches


def test_to_dict_is_plain_json(collection):
    results = newsdex.Searcher(collection).search("NATO", facets=["source", "year"])
    d = results.to_dict()
    assert json.loads(json.dumps(d)) == json.loads(json.dumps(d))  # serialisable as it is
    assert d["query"] == "NATO"
    assert d["hits"][0] == results.hits[0].to_dict()
    assert set(d["hits"][0]) >= {"id", "rank", "score", "title", "date", "source", "snippet"}
    assert d["facets"] == results.facets


def test_facets_count_the_whole_matching_set(collection):
    results = newsdex.Searcher(collection).search(EVERYTHING, limit=1, facets=["source", "year"])
    assert results.facets["source"] == {"Harbour Wire": 3, "Morning Ledger": 2, "Farm Gazette": 1}
    assert results.facets["year"] == {"2025": 4, "2024": 2}
    assert list(results.facets) == ["source", "year"]  # in the order asked for


def test_sort_offset_and_limit(collection):
    searcher = newsdex.Searcher(collection)
    newest = searcher.search(EVERYTHING, sort="-date", limit=len(ARTICLES))
    dates = [h.date for h in newest]
    assert dates == sorted(dates, reverse=True)
    page = searcher.search(EVERYTHING, sort="-date", offset=2, limit=2)
    assert [h.id for h in page] == [h.id for h in newest.hits[2:4]]
    assert page[0].rank == 3


def test_request_keywords_are_checked(collection):
    searcher = newsdex.Searcher(collection)
    with pytest.raises(TypeError, match="unexpected keyword argument 'limt'"):
        searcher.search("NATO", limt=3)
    with pytest.raises(TypeError, match="limit"):
        searcher.search("NATO", limit="three")
    with pytest.raises(ValueError, match="facets"):
        searcher.search("NATO", facets=["colour"])
    with pytest.raises(ValueError, match="sort"):
        searcher.search("NATO", sort="newest")
    with pytest.raises(newsdex.Error) as too_far:
        searcher.search("NATO", offset=10**9)
    assert too_far.value.code == "usage"


def test_search_all_streams_every_match(collection):
    hits = newsdex.Searcher(collection).search_all("defence")
    assert sorted(h.id for h in hits) == ["alliance.txt", "budget.txt", "shipyard.txt"]


def test_similar_stats_and_article(collection):
    searcher = newsdex.Searcher(collection)
    similar = searcher.similar("alliance.txt", limit=3)
    assert "alliance.txt" not in {h.id for h in similar}
    assert similar.hits and "rates.txt" not in {h.id for h in similar}  # nothing in common
    stats = searcher.stats()
    assert stats.documents == len(ARTICLES)
    assert stats.first_date == "2024-06-14" and stats.last_date == "2025-03-30"
    assert stats.settings["language"] == "en"
    assert stats.to_dict()["fields"]["title"] == len(ARTICLES)
    article = searcher.article("harvest.txt")
    assert article.title == "Wheat harvest beats forecasts"
    assert article.source == "Farm Gazette"


def test_entities_of_a_collection(collection):
    searcher = newsdex.Searcher(collection)
    top = searcher.entities()
    assert top.articles == len(ARTICLES)
    by_name = {e.name: e for e in top.entities}
    assert by_name["NATO"].articles == 2 and by_name["NATO"].type == "organization"
    assert top.to_dict()["entities"][0]["name"] == top.entities[0].name
    assert searcher.entities("Geneva").articles == 1


def test_searchers_in_several_threads(collection):
    queries = ["NATO", "defence spending", "harvest", "rates", "Ukraine", "navy"]
    expected = {q: [h.id for h in newsdex.Searcher(collection).search(q)] for q in queries}
    shared = newsdex.Searcher(collection)
    failures = []

    def run(own):
        searcher = newsdex.Searcher(collection) if own else shared
        try:
            for _ in range(20):
                for q in queries:
                    got = [h.id for h in searcher.search(q)]
                    if got != expected[q]:
                        failures.append((q, got))
        except Exception as e:  # reported below: an exception in a thread is otherwise lost
            failures.append(e)

    threads = [threading.Thread(target=run, args=(i % 2 == 0,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_a_searcher_sees_later_commits(collection):
    searcher = newsdex.Searcher(collection)
    assert not searcher.search("zeppelin").hits
    with newsdex.Indexer(collection) as ix:
        ix.add(newsdex.Article(id="z", title="Zeppelin returns", body="A zeppelin flew."))
    assert [h.id for h in searcher.search("zeppelin")] == ["z"]


def test_a_closed_searcher_refuses_calls(collection):
    with newsdex.Searcher(collection) as searcher:
        assert searcher.search("NATO").hits
    with pytest.raises(newsdex.Error) as closed:
        searcher.search("NATO")
    assert closed.value.code == "usage"
