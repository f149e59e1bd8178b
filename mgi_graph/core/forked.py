"""Work in a forked process while this one goes on: the child inherits the built graph
without copying it, and its result (or its failure, with the traceback) comes back through a
pipe. Where the system cannot fork, the work runs at once, in this process.

>>> job = in_child(sum, [1, 2, 3])
>>> job.result()
6
>>> in_child(int, "x").result()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
RuntimeError: ValueError: invalid literal for int() with base 10: 'x'
Traceback...
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")


class Child(Generic[T]):
    """The handle of work started by :func:`in_child`."""

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._done: tuple[str, Any] | None = None
        self._proc: Any = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._done = _run(fn, args)
            return
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_child, args=(fn, args, send), daemon=True)
        # Objects that exist at the fork are left out of the child's garbage collections,
        # which would otherwise write to (and so copy) every page holding the graph. Where
        # the caller froze them already (see mgi_graph.core.collector.frozen), they stay frozen.
        unfreeze = gc.get_freeze_count() == 0
        gc.freeze()
        try:
            self._proc.start()
        finally:
            if unfreeze:
                gc.unfreeze()
        send.close()

    def result(self) -> T:
        """The value returned in the child (waiting for it); raises RuntimeError if the work
        failed or the child ended without an answer."""
        if self._done is None:
            try:
                self._done = self._recv.recv()
            except EOFError:
                self._done = ("error", "the child process ended without an answer")
            self._proc.join()
        kind, payload = self._done
        if kind == "error":
            raise RuntimeError(payload)
        return cast(T, payload)

    def cancel(self) -> None:
        """Stop the child if it still runs (the caller failed first)."""
        if self._proc is not None and self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()


def in_child(fn: Callable[..., T], *args: Any) -> Child[T]:
    """Start ``fn(*args)`` in a forked child; its value must pickle."""
    return Child(fn, args)


def _run(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    import traceback

    try:
        return ("ok", fn(*args))
    except BaseException as exc:
        last = traceback.format_exception_only(exc)[-1].strip()
        return ("error", f"{last}\n{traceback.format_exc()}")


def _child(fn: Callable[..., Any], args: tuple[Any, ...], send: Any) -> None:  # pragma: no cover
    send.send(_run(fn, args))


__all__ = ["Child", "in_child"]
