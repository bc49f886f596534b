"""Bounded decompression of HTTP bodies: inflate in small pieces, so a cap can cut it.

httpx decodes ``Content-Encoding`` one network read at a time, and a 64 KiB read
of a gzip bomb inflates to ~64 MB in one step, before any size check can run.
``inflate_bounded`` takes the raw reads instead and yields the decoded body in
pieces of at most ``PIECE`` bytes (``zlib``'s ``max_length``), so the caller's
byte cap stops it after at most one piece too many. Encodings are those httpx
decodes without optional packages (``gzip``, ``deflate``, ``identity``); an
unknown one is passed through as it is, as httpx does.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence

from monitor.errors import FetchError

__all__ = ["PIECE", "inflate_bounded"]

PIECE = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class _Inflater:
    """One ``gzip`` or ``deflate`` layer, fed raw bytes, yielding bounded pieces."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.gzip = encoding in ("gzip", "x-gzip")
        # deflate is meant to be zlib-wrapped (RFC 9110 §8.4.1.2), but servers also
        # send raw deflate: the first bytes decide, as in httpx.
        self._first = not self.gzip
        self._d = self._new()

    def _new(self, raw: bool = False) -> zlib._Decompress:
        if self.gzip:
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        return zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            if self._d.eof:
                rest = self._d.unused_data + data
                # A second gzip member continues the body (RFC 1952 §2.2); anything
                # else after the end of the stream is trailing junk, ignored.
                if not (self.gzip and rest.startswith(_GZIP_MAGIC)):
                    return
                self._d, data = self._new(), rest
            if not data:
                return
            try:
                piece = self._d.decompress(data, PIECE)
            except zlib.error as exc:
                if self._first:
                    self._first = False
                    self._d = self._new(raw=True)
                    continue
                raise FetchError(f"fetch: undecodable {self.encoding} body ({exc})") from exc
            self._first = False
            data = self._d.unconsumed_tail
            if piece:
                yield piece

    def finish(self) -> Iterator[bytes]:
        try:
            # What zlib still holds once all input is in is at most a window's worth.
            piece = self._d.flush()
        except zlib.error as exc:
            raise FetchError(f"fetch: undecodable {self.encoding} body ({exc})") from exc
        if piece:
            yield piece


def _through(layer: _Inflater, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for data in pieces:
        yield from layer.feed(data)
    yield from layer.finish()


def inflate_bounded(raw: Iterable[bytes], encodings: Sequence[str]) -> Iterator[bytes]:
    """The body of ``raw`` reads decoded per ``encodings`` (the ``Content-Encoding``
    values in the order applied), lazily, in pieces of at most ``PIECE`` bytes.

    Each layer is a generator pulled by the next, so nothing is inflated ahead of
    what the caller consumes: stopping early bounds memory by a few pieces.
    """
    stream: Iterable[bytes] = raw
    # Content-Encoding lists codings in the order they were applied: undo from the last.
    for value in reversed([e.strip().lower() for e in encodings]):
        if value in ("gzip", "x-gzip", "deflate"):
            stream = _through(_Inflater(value), stream)
    for chunk in stream:
        if chunk:
            yield chunk
