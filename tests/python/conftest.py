"""Shared fixtures: small articles written for these tests into a temp folder, and a collection
indexed from them. Run through ctest (PYTHONPATH names the built module), or by hand:

    PYTHONPATH=build/lib/python python3 -m pytest tests/python
"""

import json

import pytest

import newsdex

# Six short articles, three sources, two years: enough for facets, dates and entities.
ARTICLES = {
    "alliance.txt": (
        "Title: Allies agree to raise defence spending\n"
        "Date: 2024-06-14\n"
        "Source: Harbour Wire\n\n"
        "NATO allies agreed on Friday to raise defence spending, ministers said in Brussels.\n"
    ),
    "budget.txt": (
        "Title: Parliament debates the defense budget\n"
        "Date: 2025-01-20\n"
        "Source: Harbour Wire\n\n"
        "Lawmakers argued over the defense budget and ammunition production for a second day.\n"
    ),
    "talks.txt": (
        "Title: Ukraine talks resume in Geneva\n"
        "Date: 2025-02-03\n"
        "Source: Morning Ledger\n\n"
        "Talks on Ukraine resumed in Geneva as NATO ministers met their counterparts.\n"
    ),
    "harvest.txt": (
        "Title: Wheat harvest beats forecasts\n"
        "Date: 2024-09-01\n"
        "Source: Farm Gazette\n\n"
        "Farmers brought in a record wheat harvest after a mild and wet summer.\n"
    ),
    "rates.txt": (
        "Title: Central bank holds rates\n"
        "Date: 2025-03-11\n"
        "Source: Morning Ledger\n\n"
        "The central bank held interest rates steady, citing slowing inflation.\n"
    ),
    "shipyard.txt": (
        "Title: Shipyard wins navy contract\n"
        "Date: 2025-03-30\n"
        "Source: Harbour Wire\n\n"
        "A shipyard in Gdansk won a navy contract as defence spending rose across Europe.\n"
    ),
}


@pytest.fixture
def articles_dir(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def collection(tmp_path, articles_dir):
    """A collection of ARTICLES, committed and closed."""
    path = tmp_path / "news.db"
    with newsdex.Indexer(path) as ix:
        summary = ix.index(articles_dir)
    assert summary.indexed == len(ARTICLES)
    return path


def write_many(path, count):
    """`count` small articles as JSON Lines: enough that an index run lasts many batches."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            out.write(
                json.dumps(
                    {
                        "id": f"many-{i}",
                        "title": f"Report {i} on topic {i % 13}",
                        "body": f"Report number {i} covers topic {i % 13} and region {i % 7}. "
                        * 8,
                        "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        "source": f"Source {i % 5}",
                    }
                )
                + "\n"
            )
    return path
