"""newsdex: full-text search for news articles, from Python.

    import newsdex

    with newsdex.Indexer("news.db") as ix:
        ix.index(["articles/"])

    searcher = newsdex.Searcher("news.db")
    for hit in searcher.search('NATO "defense spending"', facets=["source"]):
        print(hit.rank, hit.title, hit.date)

A collection records how it analyzes text (its manifest), so readers and later writers pass no
analyzer options. Every error is a newsdex.Error with a .code. See docs/PYTHON.md.
"""

from ._newsdex import (
    ERROR_CODES,
    Analyzer,
    Article,
    CollectionStats,
    EntityCount,
    EntityMention,
    EntityStats,
    Error,
    Hit,
    IndexProgress,
    IndexSummary,
    Indexer,
    InputProblem,
    RelatedEntities,
    RelatedEntity,
    Results,
    Searcher,
    Token,
    __version__,
    find_entities,
    parse_text,
    schema_version,
    set_log_handler,
)

__all__ = [
    "ERROR_CODES",
    "Analyzer",
    "Article",
    "CollectionStats",
    "EntityCount",
    "EntityMention",
    "EntityStats",
    "Error",
    "Hit",
    "IndexProgress",
    "IndexSummary",
    "Indexer",
    "InputProblem",
    "RelatedEntities",
    "RelatedEntity",
    "Results",
    "Searcher",
    "Token",
    "__version__",
    "find_entities",
    "parse_text",
    "schema_version",
    "set_log_handler",
    "log_to",
]


def log_to(logger="newsdex"):
    """Send the library's log lines (bad inputs, recoveries) to a logging.Logger or its name.

    The library is silent until told otherwise; newsdex.set_log_handler(None) silences it again.
    """
    import logging

    if isinstance(logger, str):
        logger = logging.getLogger(logger)
    levels = {
        "debug": logging.DEBUG,
        "info": logging.INFO,
        "warning": logging.WARNING,
        "error": logging.ERROR,
    }
    set_log_handler(lambda level, message: logger.log(levels[level], "%s", message))
