"""Reading regular files within a size limit, and writing files atomically.

File-system failures stay :class:`OSError`, as in the standard library.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from ._limits import Limits
from .errors import LimitError

__all__ = ["atomic_write", "open_regular_file", "read_regular_file"]

StrPath = str | os.PathLike[str]


def checked_path(path: StrPath) -> str:
    """``path`` as text, or the ``OSError`` of a path no file system takes (one holding a NUL)."""
    name = os.fspath(path)
    if "\x00" in name:
        raise OSError(errno.EINVAL, "a path cannot contain a NUL character", name)
    return name


@contextlib.contextmanager
def open_regular_file(path: StrPath, limits: Limits | None = None) -> Iterator[IO[bytes]]:
    """Open ``path`` for binary reading, refusing anything but a regular file.

    The checks run on the open descriptor, so the file cannot be swapped
    between check and read; ``O_NONBLOCK`` keeps a FIFO from blocking us.
    """
    fd = os.open(checked_path(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(path))
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        if limits is not None and info.st_size > limits.max_bytes:
            raise LimitError(f"the file has {info.st_size} bytes", limit="max_bytes", value=limits.max_bytes)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with file:
        yield file


def read_regular_file(path: StrPath, limits: Limits) -> bytes:
    """The bytes of a regular file of at most ``limits.max_bytes``."""
    with open_regular_file(path, limits) as file:
        data = file.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:  # the file grew after it was checked
        raise LimitError(
            f"the file has over {limits.max_bytes} bytes", limit="max_bytes", value=limits.max_bytes
        )
    return data


def _umask() -> int:
    # Read without changing it where Linux tells; os.umask would briefly change
    # the process-wide mask, which other threads could see.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: StrPath, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` so that readers see the old file or the new, never a mix.

    A temporary file in the same folder is written, flushed to disk, given
    the old file's mode (or the default for a new file) and renamed over the
    target. On any failure, the old file is untouched and the temporary file
    removed. A symbolic link as destination is refused: replacing it would
    silently turn the link into a file.
    """
    target = checked_path(path)
    if os.path.islink(target):
        raise OSError(errno.ELOOP, "refusing to write through a symbolic link", target)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        try:
            file = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)  # nothing owns the descriptor yet
            raise
        with file:
            for chunk in chunks:
                file.write(chunk)
            file.flush()
            os.fchmod(file.fileno(), mode)
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: str) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    # The new file is already in place: a failure here must not report the save as failed.
    with contextlib.suppress(OSError):
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
