"""Running SPARQL on a remote SPARQL 1.1 endpoint, through SPARQLWrapper: a query, or an
update where the caller allows it.
"""

from __future__ import annotations

from mgi_graph.query.results import EngineError, Table

__all__ = ["run_endpoint"]


def run_endpoint(
    text: str,
    url: str,
    timeout: float = 60.0,
    default_graph: str | None = None,
    allow_update: bool = False,
) -> Table:
    """Run on a remote SPARQL 1.1 endpoint through SPARQLWrapper (results as JSON).

    ``default_graph``: the IRI of a named graph to query as the default graph (the
    protocol's ``default-graph-uri``), e.g. the graph ``mgi-graph push`` wrote. A SPARQL
    Update is refused unless ``allow_update``: a query must not change a store by accident.
    """
    from urllib.error import URLError

    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    if not url.startswith(("http://", "https://")):
        raise EngineError(f"an endpoint is an http:// or https:// URL; got {url!r}")
    client = SPARQLWrapper(url, agent=f"mgi-graph/{_version()}")
    client.setMethod(POST)
    client.setTimeout(int(timeout))
    client.setReturnFormat(JSON)
    # SPARQLWrapper tells a query from an update by the first keyword outside comments, and
    # its comment removal skips every other line of a block of comments (a "drop" in the
    # second line made a SELECT an update): comment lines are left out here.
    client.setQuery(_without_comment_lines(text))
    if client.isSparqlUpdateRequest():
        if not allow_update:
            raise EngineError(
                "this is a SPARQL Update, which changes the store: refused (pass "
                "--allow-update to send it)"
            )
        client.setMethod(POST)
        try:
            client.query()
        except SPARQLWrapperException as exc:
            raise EngineError(f"the endpoint refused the update: {exc}") from None
        except (URLError, OSError) as exc:
            raise EngineError(f"cannot reach the endpoint {url}: {exc}") from None
        return Table(("result",), (("update done",),))
    if default_graph is not None:
        client.addDefaultGraph(default_graph)
    try:
        data = client.queryAndConvert()
    except SPARQLWrapperException as exc:
        raise EngineError(f"the endpoint refused the query: {exc}") from None
    except (URLError, OSError) as exc:
        raise EngineError(f"cannot reach the endpoint {url}: {exc}") from None
    if not isinstance(data, dict) or "results" not in data:
        raise EngineError("the endpoint did not answer with SPARQL JSON results")
    columns = tuple(data["head"]["vars"])
    rows = tuple(
        tuple(b[c]["value"] if c in b else "" for c in columns) for b in data["results"]["bindings"]
    )
    return Table(columns, rows)


def _without_comment_lines(text: str) -> str:
    r"""``text`` without its lines that are comments only.

    >>> _without_comment_lines("# a\n  # drop\nSELECT * { ?s ?p ?o } # end")
    'SELECT * { ?s ?p ?o } # end'
    """
    return "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("#"))


def _version() -> str:
    from mgi_graph.core.version import __version__

    return __version__
