"""Writing outputs: a reader sees the old file or the new one, and no temporary file is left."""

from __future__ import annotations

import builtins

import pytest

from booklet.output import write_atomic


def test_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "chef.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [path.name for path in tmp_path.iterdir()] == ["chef.pdf"]


@pytest.mark.parametrize("when", ["just after the file is created", "while syncing to disk"])
def test_an_interrupt_at_any_point_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch, when):
    target = tmp_path / "chef.pdf"
    target.write_bytes(b"old")
    if when == "just after the file is created":
        def open_then_interrupt(*args, **kwargs):
            builtins.open(*args, **kwargs).close()
            raise KeyboardInterrupt
        monkeypatch.setattr("booklet.output.open", open_then_interrupt, raising=False)
    else:
        def interrupt(_fd):
            raise KeyboardInterrupt
        monkeypatch.setattr("booklet.output.os.fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["chef.pdf"]
