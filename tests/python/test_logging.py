"""The library's log lines reach Python: a handler, or the logging module through log_to()."""

import logging

import newsdex


def test_a_handler_receives_the_log_lines_of_an_index_run(tmp_path, articles_dir):
    lines = []
    newsdex.set_log_handler(lambda level, message: lines.append((level, message)))
    try:
        with newsdex.Indexer(tmp_path / "db") as ix:
            ix.index([articles_dir, tmp_path / "missing.txt"])
    finally:
        newsdex.set_log_handler(None)
    assert any(level == "error" and "missing.txt" in message for level, message in lines)
    lines.clear()
    with newsdex.Indexer(tmp_path / "db") as ix:  # silenced again
        ix.index(tmp_path / "missing.txt")
    assert lines == []


def test_log_to_sends_them_to_the_logging_module(tmp_path, caplog):
    newsdex.log_to("newsdex.test")
    try:
        with caplog.at_level(logging.WARNING, logger="newsdex.test"):
            with newsdex.Indexer(tmp_path / "db") as ix:
                ix.index(tmp_path / "missing.txt")
    finally:
        newsdex.set_log_handler(None)
    errors = [r for r in caplog.records if r.name == "newsdex.test" and r.levelno == logging.ERROR]
    assert errors and "missing.txt" in errors[0].getMessage()


def test_an_exception_in_the_handler_does_not_fail_the_run(tmp_path, articles_dir):
    def broken(level, message):
        raise RuntimeError("handler bug")

    newsdex.set_log_handler(broken)
    try:
        with newsdex.Indexer(tmp_path / "db") as ix:
            summary = ix.index([articles_dir, tmp_path / "missing.txt"])
    finally:
        newsdex.set_log_handler(None)
    assert summary.failed == 1 and summary.indexed == 6
