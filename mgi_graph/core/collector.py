"""The garbage collector during a build: a speed device, in a room of its own.

The build assembles millions of long-lived objects without cycles; collections would walk
them again and again, and a full one would write to every page the forked validators share
with the build. What each device buys is measured in ``docs/performance.md`` (the garbage
collector); the build uses them through :func:`assembling` only.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

__all__ = ["assembling", "frozen", "no_collections"]


@contextmanager
def frozen() -> Iterator[None]:
    """Leave the objects that exist now (the assembled graph) out of garbage collections
    until the block ends. The forked children share the graph's pages with this process; a
    full collection here would write to every one of them, and so copy them all.

    >>> import gc
    >>> with frozen():
    ...     gc.get_freeze_count() > 0
    True
    >>> gc.get_freeze_count()
    0
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def assembling(stack: ExitStack) -> Iterator[None]:
    """The garbage collector off while the block assembles the graph (:func:`no_collections`);
    when it ends, what exists is frozen until ``stack`` closes (:func:`frozen`), before
    collections resume: every object the assembly made is still in the young generation,
    which the first collection would walk whole.

    >>> import gc
    >>> with ExitStack() as stack:
    ...     with assembling(stack):
    ...         off = not gc.isenabled()
    ...     off, gc.isenabled(), gc.get_freeze_count() > 0
    (True, True, True)
    >>> gc.get_freeze_count()
    0
    """
    with no_collections():
        yield
        stack.enter_context(frozen())


@contextmanager
def no_collections() -> Iterator[None]:
    """Keep the garbage collector off until the block ends (it is turned back on only if it
    was on). The assembled graph is millions of long-lived objects without cycles, which
    every collection would walk again (docs/performance.md, the garbage collector).

    >>> import gc
    >>> with no_collections():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
