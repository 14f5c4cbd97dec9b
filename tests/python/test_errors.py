"""newsdex.Error: one exception class, its code telling what went wrong."""

import pytest

import newsdex


def test_error_is_an_exception_with_a_code():
    assert issubclass(newsdex.Error, Exception)
    assert len(newsdex.ERROR_CODES) == 10
    assert "database_missing" in newsdex.ERROR_CODES


def test_a_missing_collection(tmp_path):
    missing = tmp_path / "nothing-here"
    with pytest.raises(newsdex.Error) as caught:
        newsdex.Searcher(missing)
    assert caught.value.code == "database_missing"
    assert caught.value.file == str(missing)
    assert str(missing) in str(caught.value)
    assert not missing.exists()
    with pytest.raises(newsdex.Error) as not_created:
        newsdex.Indexer(missing, create=False)
    assert not_created.value.code == "database_missing"


def test_a_syntax_error_in_strict_mode_names_the_column(collection):
    searcher = newsdex.Searcher(collection)
    with pytest.raises(newsdex.Error) as caught:
        searcher.search('NATO AND (spending OR "budget', strict=True)
    error = caught.value
    assert error.code == "query_syntax"
    assert error.column > 0
    assert error.message and error.message in str(error)
    # Lenient (the default): the same query is searched, with a warning.
    results = searcher.search('NATO AND (spending OR "budget')
    assert results.warnings and results.warnings[0]["column"] > 0


def test_a_second_writer_is_locked_out(collection):
    with newsdex.Indexer(collection):
        with pytest.raises(newsdex.Error) as caught:
            newsdex.Indexer(collection)
    assert caught.value.code == "database_locked"


def test_an_article_without_an_id(tmp_path):
    with newsdex.Indexer(tmp_path / "db") as ix:
        with pytest.raises(newsdex.Error) as caught:
            ix.add(newsdex.Article(title="No id"))
    assert caught.value.code == "input"


def test_an_unknown_language(tmp_path):
    with pytest.raises(newsdex.Error) as caught:
        newsdex.Analyzer(language="klingon")
    assert caught.value.code == "usage"


def test_errors_raised_by_python_code_have_the_attributes_too():
    error = newsdex.Error("made here")
    assert error.code == "internal" and error.line == 0 and str(error) == "made here"
