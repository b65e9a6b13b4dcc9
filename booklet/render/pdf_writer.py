"""A PDF file written front to back, so that joining many parts never holds them all.

qpdf (under pikepdf) builds the whole file it writes in memory, about 1.5 kB
an object; a tagged booklet has thousands of objects (most of them
structure elements), so a class pack joined that way grew by some 9 MB a
student.  This writer puts each object in the file as soon as it is given:
what stays behind is 7 bytes of cross-reference an object.  Objects other
than streams are gathered into compressed object streams and the
cross-reference is itself a compressed stream (PDF 1.5), so the file is as
small as qpdf's.  pikepdf still reads the parts and spells every value.
"""

from __future__ import annotations

import functools
import hashlib
import struct
import zlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, BinaryIO

OBJECTS_PER_STREAM = 100  # as qpdf groups them
_ROW = struct.Struct(">BIH")  # a cross-reference entry: type, offset (files up to 4 GB) or object stream, index


def serialize(value: Any, number_of: Callable[[Any], int]) -> bytes:
    """``value`` in PDF syntax: a reference to ``number_of(value)`` when it is an indirect object."""
    if getattr(value, "is_indirect", False):
        return b"%d 0 R" % number_of(value)
    return spell(value, number_of)


def spell(value: Any, number_of: Callable[[Any], int]) -> bytes:
    """``value`` itself in PDF syntax (the body of an indirect object), objects inside it by reference.

    pikepdf hands integers, booleans, reals and null over as Python values;
    names, strings, arrays and dictionaries stay pikepdf objects.
    """
    import pikepdf

    if isinstance(value, pikepdf.Dictionary):
        return b"<<" + entries(value.items(), number_of) + b">>"
    if isinstance(value, pikepdf.Array):
        return b"[" + b" ".join(serialize(item, number_of) for item in value) + b"]"
    if isinstance(value, pikepdf.Object):
        return value.unparse()
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").encode()
    if value is None:
        return b"null"
    raise TypeError(f"no PDF syntax for {type(value).__name__}")


def entries(items: Iterable[tuple[str, Any]], number_of: Callable[[Any], int]) -> bytes:
    """A dictionary's entries in PDF syntax, without the brackets (a stream's dictionary adds its length)."""
    return b"".join(_name(key) + serialize(item, number_of) for key, item in items)


@functools.cache
def _name(key: str) -> bytes:
    """A dictionary key in PDF syntax and a space (a few dozen keys recur across a whole class pack)."""
    import pikepdf

    return pikepdf.Name(key).unparse() + b" "


class PdfWriter:
    """Numbered objects in, a complete PDF out; numbers are handed out by ``reserve``.

    An object may be written after objects that refer to it (that is what
    reserving a number is for), but every reserved number must be written
    before ``close``.  The file identifier is a digest of everything written
    before it, so the same objects give the same bytes.
    """

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self.digest = hashlib.md5(usedforsecurity=False)
        self.position = 0
        self.rows = bytearray(_ROW.pack(0, 0, 0xFFFF))  # object 0: the head of the free list
        self.batch: list[tuple[int, bytes]] = []
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def reserve(self) -> int:
        self.rows += bytes(_ROW.size)
        return len(self.rows) // _ROW.size - 1

    def object(self, number: int, body: bytes) -> None:
        """An object that is not a stream; it goes into the next object stream."""
        self.batch.append((number, body))
        if len(self.batch) == OBJECTS_PER_STREAM:
            self._flush()

    def stream(self, number: int, dictionary: bytes, data: bytes) -> None:
        """A stream: ``dictionary`` is its entries without ``/Length``, ``data`` its bytes as stored."""
        self._set(number, 1, self.position, 0)
        self._write(b"%d 0 obj\n<<%s/Length %d>>\nstream\n" % (number, dictionary, len(data)))
        self._write(data + b"\nendstream\nendobj\n")

    def close(self, root: int, info: int) -> None:
        """Write the cross-reference stream and the trailer; ``root`` is the catalog, ``info`` the document info."""
        self._flush()
        number = self.reserve()
        start = self.position
        self._set(number, 1, start, 0)
        ident = self.digest.hexdigest().encode()
        self._write(b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Info %d 0 R/ID[<%s><%s>]"
                    b"/Filter/FlateDecode" % (number, number + 1, root, info, ident, ident))
        data = zlib.compress(bytes(self.rows))
        self._write(b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n")
        self._write(b"startxref\n%d\n%%%%EOF\n" % start)

    def _flush(self) -> None:
        if not self.batch:
            return
        number = self.reserve()
        offsets, bodies, offset = [], [], 0
        for index, (member, body) in enumerate(self.batch):
            self._set(member, 2, number, index)
            offsets.append(b"%d %d" % (member, offset))
            bodies.append(body)
            offset += len(body) + 1
        head = b" ".join(offsets) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies))
        self.batch = []
        self.stream(number, b"/Type/ObjStm/N %d/First %d/Filter/FlateDecode" % (len(bodies), len(head)), data)

    def _set(self, number: int, kind: int, field: int, extra: int) -> None:
        _ROW.pack_into(self.rows, number * _ROW.size, kind, field, extra)

    def _write(self, data: bytes) -> None:
        self.handle.write(data)
        self.digest.update(data)
        self.position += len(data)
