"""Indexer: index a folder, add and remove, the context manager, progress, Ctrl-C."""

import _thread
import signal
import threading

import pytest

import newsdex
from conftest import ARTICLES, write_many


def test_index_reads_a_folder_and_reports_what_it_did(tmp_path, articles_dir):
    with newsdex.Indexer(tmp_path / "db") as ix:
        summary = ix.index(articles_dir)
        assert len(ix) == len(ARTICLES)
    assert summary.read == len(ARTICLES)
    assert summary.indexed == len(ARTICLES)
    assert summary.failed == 0
    assert not summary.interrupted
    d = summary.to_dict()
    assert d["indexed"] == len(ARTICLES) and d["problems"] == []


def test_inputs_may_be_one_path_or_a_list(tmp_path, articles_dir):
    files = sorted(articles_dir.iterdir())
    with newsdex.Indexer(tmp_path / "db") as ix:
        assert ix.index(str(files[0])).indexed == 1
        assert ix.index(files[1:3]).indexed == 2


def test_a_bad_input_is_a_problem_not_an_exception(tmp_path, articles_dir):
    with newsdex.Indexer(tmp_path / "db") as ix:
        summary = ix.index([articles_dir, tmp_path / "no-such-file.txt"])
    assert summary.indexed == len(ARTICLES)
    assert summary.failed == 1
    (problem,) = summary.problems
    assert problem.severity == "failed"
    assert problem.file.endswith("no-such-file.txt")
    assert problem.to_dict()["severity"] == "failed"


def test_add_remove_and_contains(tmp_path):
    path = tmp_path / "db"
    with newsdex.Indexer(path) as ix:
        article = newsdex.Article(id="x1", title="Allies agree", body="NATO allies agreed.")
        assert ix.add(article)
        assert not ix.add(article)  # the identical version is stored already
        assert ix.add({"id": "x2", "title": "Second", "body": "Another story."})
        assert "x1" in ix and "x2" in ix and len(ix) == 2
        assert ix.remove("x2")
        assert not ix.remove("x2")
    stored = newsdex.Searcher(path).article("x1")
    assert stored == article
    assert stored.to_dict()["title"] == "Allies agree"
    assert newsdex.Searcher(path).article("x2") is None


def test_leaving_the_with_block_commits_and_releases_the_lock(tmp_path):
    path = tmp_path / "db"
    with newsdex.Indexer(path) as ix:
        ix.add(newsdex.Article(id="a", body="committed by close"))
    assert newsdex.Searcher(path).stats().documents == 1
    with newsdex.Indexer(path) as again:  # the write lock was released
        assert len(again) == 1
    with pytest.raises(newsdex.Error) as closed:
        ix.add(newsdex.Article(id="b", body="too late"))
    assert closed.value.code == "usage"


def test_an_exception_leaving_the_with_block_still_commits(tmp_path):
    path = tmp_path / "db"
    with pytest.raises(ZeroDivisionError):
        with newsdex.Indexer(path) as ix:
            ix.add(newsdex.Article(id="a", body="written before the failure"))
            1 / 0
    assert newsdex.Searcher(path).stats().documents == 1


def test_progress_is_reported_from_a_worker_thread(tmp_path, articles_dir):
    seen = []

    def progress(p):
        seen.append((p.articles, p.indexed, p.to_dict(), threading.get_ident()))

    with newsdex.Indexer(tmp_path / "db", progress_interval_ms=0) as ix:
        ix.index(articles_dir, progress=progress)
    assert seen, "the callback was never called"
    last_articles, _, last_dict, _ = seen[-1]
    assert last_articles == len(ARTICLES)
    assert last_dict["articles"] == len(ARTICLES)
    assert last_dict["indexed"] + last_dict["unchanged"] == len(ARTICLES)
    assert {thread for *_, thread in seen} != {threading.get_ident()}


class StopIndexing(Exception):
    pass


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_an_exception_in_the_callback_stops_the_run_and_reaches_the_caller(tmp_path, existing):
    inputs = write_many(tmp_path / "many.jsonl", 3000)
    path = tmp_path / "db"
    if existing:
        with newsdex.Indexer(path) as ix:
            ix.add(newsdex.Article(id="before", body="Stored before the failed run."))
    raised = StopIndexing("enough")

    def progress(p):
        raise raised

    ix = newsdex.Indexer(path, progress_interval_ms=0)
    with pytest.raises(StopIndexing) as caught:
        ix.index(inputs, progress=progress)
    assert caught.value is raised  # the callback's own exception, unchanged
    ix.close()
    if existing:  # what reached the writers is committed: some, not all
        assert 1 <= newsdex.Searcher(path).stats().documents < 3001
    else:  # a fresh build publishes nothing unless it completes
        with pytest.raises(newsdex.Error) as missing:
            newsdex.Searcher(path)
        assert missing.value.code == "database_missing"
    # The collection is usable: the same input again completes.
    with newsdex.Indexer(path) as again:
        assert again.index(inputs).read == 3000
    assert newsdex.Searcher(path).stats().documents == 3000 + (1 if existing else 0)


def interrupt_by_signal():
    signal.raise_signal(signal.SIGINT)


def interrupt_main():
    _thread.interrupt_main()


@pytest.mark.parametrize("interrupt", [interrupt_by_signal, interrupt_main])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_ctrl_c_stops_indexing_and_commits_what_was_read(tmp_path, interrupt, existing):
    inputs = write_many(tmp_path / "many.jsonl", 5000)
    path = tmp_path / "db"
    if existing:
        with newsdex.Indexer(path) as ix:
            ix.add(newsdex.Article(id="before", body="Stored before the interrupted run."))
    # Python's own handler raises KeyboardInterrupt; this one also says when it ran, so the
    # callback can wait for it instead of guessing how long that takes.
    handled = threading.Event()

    def on_sigint(signum, frame):
        handled.set()
        raise KeyboardInterrupt

    calls = []

    def progress(p):
        calls.append(p.articles)
        if len(calls) == 1:
            interrupt()
            assert handled.wait(60), "the SIGINT handler never ran"

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        ix = newsdex.Indexer(path, progress_interval_ms=0)
        with pytest.raises(KeyboardInterrupt) as caught:
            ix.index(inputs, progress=progress)
        ix.close()
    finally:
        signal.signal(signal.SIGINT, previous)

    summary = caught.value.summary
    assert summary.interrupted
    assert 0 < summary.read < 5000
    searcher = newsdex.Searcher(path)
    assert searcher.stats().documents == summary.indexed + (1 if existing else 0)
    first = searcher.search("report", limit=1, summaries=False).hits
    assert first, "what was read is searchable"
    # Running the same input again finishes the job.
    with newsdex.Indexer(path) as ix:
        assert ix.index(inputs).read == 5000
    assert newsdex.Searcher(path).stats().documents == 5000 + (1 if existing else 0)


def test_ids_matching_and_remove_matching(tmp_path, articles_dir):
    with newsdex.Indexer(tmp_path / "db") as ix:
        ix.index(articles_dir)
        assert sorted(ix.ids_matching("defence spending")) == ["alliance.txt", "shipyard.txt"]
        assert ix.remove_matching("defence spending") == 2
        assert len(ix) == len(ARTICLES) - 2


def test_one_indexer_serves_one_thread_at_a_time(tmp_path):
    inputs = write_many(tmp_path / "many.jsonl", 2000)
    ix = newsdex.Indexer(tmp_path / "db", progress_interval_ms=0)
    errors = []

    def progress(p):
        if not errors:  # from inside the run, another call on the same Indexer
            try:
                ix.commit()
            except newsdex.Error as e:
                errors.append(e)

    ix.index(inputs, progress=progress)
    ix.close()
    assert errors and errors[0].code == "usage"


def test_unknown_options_are_type_errors(tmp_path):
    with pytest.raises(TypeError, match="batch_size"):
        newsdex.Indexer(tmp_path / "db", batch_size=10)
    with pytest.raises(TypeError, match="threads"):
        newsdex.Indexer(tmp_path / "db", threads="many")
    with newsdex.Indexer(tmp_path / "db") as ix:
        with pytest.raises(TypeError, match="progress"):
            ix.index(tmp_path, progress="every second")
