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
]
