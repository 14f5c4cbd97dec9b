"""Analyzer, the manifest (settings recorded once), Article and entity recognition."""

import pytest

import newsdex


def test_tokens_carry_python_string_offsets():
    text = "Défense: Ukraine’s U.S. allies"
    tokens = newsdex.Analyzer().analyze(text)
    assert [t.term for t in tokens if not t.stopword][:2] == ["defens", "ukrain"]
    for t in tokens:
        assert 0 <= t.begin < t.end <= len(text)
    assert text[tokens[0].begin : tokens[0].end] == "Défense"
    us = next(t for t in tokens if t.kind == "acronym")
    assert text[us.begin : us.end].startswith("U.S")
    assert tokens[0].to_dict()["term"] == "defens"


def test_terms_leave_stopwords_out():
    assert newsdex.Analyzer().terms("the defence of the realm") == ["defens", "realm"]


def test_a_collection_remembers_its_analyzer(tmp_path):
    path = tmp_path / "de.db"
    with newsdex.Indexer(path, language="de") as ix:
        ix.add(newsdex.Article(id="1", title="Häuser", body="Die Häuser der Stadt wurden gebaut."))
    # No options anywhere afterwards: readers and writers analyze as recorded.
    assert newsdex.Analyzer.for_collection(path).language == "de"
    assert [h.id for h in newsdex.Searcher(path).search("Haus")] == ["1"]
    with newsdex.Indexer(path) as ix:
        ix.add(newsdex.Article(id="2", body="Ein Haus am See."))
    assert newsdex.Searcher(path).stats().settings["language"] == "de"
    # Giving another setting is refused, naming the option.
    with pytest.raises(newsdex.Error) as caught:
        newsdex.Indexer(path, language="en")
    assert caught.value.code == "usage"
    assert "language" in str(caught.value)
    # Giving one setting keeps the recorded others, so it matches.
    newsdex.Searcher(path, stem=True).close()


def test_article_fields_and_dicts():
    article = newsdex.Article(id="a1", title="T", body="B", date="2025-01-02", headings=["H"])
    assert article.headings == ["H"]
    again = newsdex.Article(**article.to_dict())
    assert again == article
    again.title = "Changed"
    assert again != article
    with pytest.raises(TypeError):
        newsdex.Article("positional")
    assert '"id":"a1"' in article.to_json().replace(" ", "")


def test_parse_text_reads_a_header_block():
    article = newsdex.parse_text("Title: Hello\nSource: Wire\n\nThe body.\n")
    assert article.title == "Hello" and article.source == "Wire"


def test_find_entities_offsets_are_python_indexes():
    text = "In Zürich, the U.S. and NATO met."
    found = newsdex.find_entities(text)
    names = {e.name for e in found}
    assert {"United States", "NATO"} <= names
    for e in found:
        if e.name == "NATO":
            assert text[e.begin : e.end] == "NATO"
            assert e.type == "organization"
