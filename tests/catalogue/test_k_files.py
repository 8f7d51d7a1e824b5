"""Catalogue section K (file system): atomic saves under faults, and reading only regular files.

One test case per row of ``shared/reference/bad-inputs.md`` section K, with the
row's id as its pytest id. The catalogue's ``DocumentIOError`` is a plain
:class:`OSError` here, as DESIGN section 5 says: file-system failures keep the
standard library's exception and its ``errno``.

Row K1 is backed by :class:`TestAtomicSaveFaults`, which injects a fault at
every I/O step of a save. The steps are not listed by hand: one clean save per
configuration is recorded at collection time (every call ``atomic_write``
makes to ``os.lstat``, ``os.stat``, ``tempfile.mkstemp``, ``os.open``,
``os.fdopen``, the file's ``write`` and ``flush``, ``os.fchmod``, ``os.fsync``,
``os.replace`` and ``os.close``), and each recorded call becomes one test that
makes exactly that call fail, with ``OSError(ENOSPC)``, ``OSError(EACCES)`` or
``KeyboardInterrupt``, on a new and on an existing file, for ``dump`` and for
``dump_jsonl``. A failing ``write`` writes half its bytes first, as a full disk
does. The number of faults injected is the number of those tests::

    pytest --collect-only -q tests/catalogue/test_k_files.py -k TestAtomicSaveFaults | grep -c ::

The tests run as root in CI, where mode bits do not stop anything, so
permission failures are injected, never made with ``chmod``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import _files
from cyberspace_whitepaper.errors import excerpt

from ._support import catalogue_rows, mini_paper

MINI = mini_paper()
PAPER = cw.from_dict(MINI)
OTHER_PAPER = attrs.evolve(PAPER, summary="Another summary.")
# Enough events that dump_jsonl writes in several batches, so that a later write fails too.
EVENTS = PAPER.events + tuple(
    attrs.evolve(PAPER.events[0], id=f"e{i}", mentioned_in_paper=False) for i in range(2, 600)
)
OLD_BYTES = b'{"old": "contents that must survive"}\n'
OLD_MODE = 0o640


# --- fault injection --------------------------------------------------------------


class _FileProxy:
    """Stands in for the file ``os.fdopen`` returns, so writes and flushes are steps too."""

    def __init__(self, file: Any, faults: _Faults):
        self._file = file
        self._faults = faults

    def write(self, data: bytes) -> int:
        def partial() -> None:
            # A full disk takes part of the data, then fails.
            self._file.write(data[: len(data) // 2])
            self._file.flush()

        return int(self._faults.call("write", lambda: self._file.write(data), before_fault=partial))

    def flush(self) -> None:
        self._faults.call("flush", self._file.flush)

    def fileno(self) -> int:
        return int(self._file.fileno())

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> _FileProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


class _Faults:
    """Wraps the I/O functions a save uses; logs each call and makes the chosen one fail."""

    def __init__(self, fail_at: int | None = None, exception: BaseException | None = None):
        self.fail_at = fail_at
        self.exception = exception
        self.steps: list[str] = []
        self.injected = 0

    def call(self, name: str, real: Callable[[], Any], before_fault: Callable[[], None] | None = None) -> Any:
        index = len(self.steps)
        self.steps.append(name)
        if index == self.fail_at:
            assert self.exception is not None
            if before_fault is not None:
                before_fault()
            if name == "close":
                real()  # a failed close still frees the descriptor
            self.injected += 1
            raise self.exception
        return real()

    @contextlib.contextmanager
    def installed(self) -> Iterator[_Faults]:
        saved: list[tuple[Any, str, Any]] = []

        def wrap(module: Any, attribute: str, name: str, proxy: bool = False) -> None:
            real = getattr(module, attribute)

            def wrapper(*args: Any, **kwargs: Any) -> Any:
                result = self.call(name, lambda: real(*args, **kwargs))
                return _FileProxy(result, self) if proxy else result

            saved.append((module, attribute, real))
            setattr(module, attribute, wrapper)

        wrap(os, "lstat", "lstat")
        wrap(os, "stat", "stat")
        wrap(tempfile, "mkstemp", "mkstemp")
        wrap(os, "open", "open")
        wrap(os, "fdopen", "fdopen", proxy=True)
        wrap(os, "fchmod", "fchmod")
        wrap(os, "fsync", "fsync")
        wrap(os, "replace", "replace")
        wrap(os, "close", "close")
        try:
            yield self
        finally:
            for module, attribute, real in reversed(saved):
                setattr(module, attribute, real)


def _save_paper(path: Path) -> None:
    cw.dump(OTHER_PAPER, path)


def _save_events(path: Path) -> None:
    cw.dump_jsonl(iter(EVENTS), path)


WRITERS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "dump": ("paper.json", _save_paper),
    "dump_jsonl": ("events.jsonl", _save_events),
}


def _new_bytes(writer: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        name, save = WRITERS[writer]
        save(Path(folder) / name)
        return (Path(folder) / name).read_bytes()


def _prepare(folder: Path, writer: str, existing: bool) -> Path:
    target = folder / WRITERS[writer][0]
    if existing:
        target.write_bytes(OLD_BYTES)
        target.chmod(OLD_MODE)
    return target


def _record(writer: str, existing: bool) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        target = _prepare(Path(folder), writer, existing)
        with _Faults().installed() as faults:
            WRITERS[writer][1](target)
        return faults.steps


def _open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


EXCEPTIONS: dict[str, Callable[[], BaseException]] = {
    "ENOSPC": lambda: OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
    "EACCES": lambda: PermissionError(errno.EACCES, os.strerror(errno.EACCES)),
    "KeyboardInterrupt": KeyboardInterrupt,
}


class FaultCase(NamedTuple):
    """One fault: which save, on a new or an existing file, which exception, at which step."""

    writer: str
    existing: bool
    exception: str
    index: int
    steps: list[str]


def _fault_matrix() -> list[Any]:
    cases = []
    for writer in WRITERS:
        for existing in (False, True):
            steps = _record(writer, existing)
            for exception in EXCEPTIONS:
                for index, step in enumerate(steps):
                    label = f"{writer}-{'existing' if existing else 'new'}-{exception}-{index:02d}-{step}"
                    case = FaultCase(writer, existing, exception, index, steps)
                    cases.append(pytest.param(case, id=label))
    return cases


FAULT_MATRIX = _fault_matrix()
#: The steps the catalogue names; every configuration must reach each of them.
REQUIRED_STEPS = {"mkstemp", "open", "write", "flush", "fsync", "fchmod", "replace", "close"}


class TestAtomicSaveFaults:
    @pytest.mark.parametrize("case", FAULT_MATRIX)
    def test_fault(self, tmp_path: Path, case: FaultCase) -> None:
        """A fault at any I/O step leaves the old file (or none) or the whole new one, and no temp file."""
        writer, existing, exception, index, steps = case
        target = _prepare(tmp_path, writer, existing)
        descriptors = _open_descriptors()
        error = EXCEPTIONS[exception]()
        faults = _Faults(fail_at=index, exception=error)
        raised: BaseException | None = None
        with faults.installed():
            try:
                WRITERS[writer][1](target)
            except BaseException as caught:
                raised = caught
        assert faults.injected == 1
        assert faults.steps[: index + 1] == steps[: index + 1]  # the same path, up to the fault
        # Two OSErrors are absorbed, and the save goes on to complete: one from the lstat
        # behind os.path.islink (which then says "not a link"), and one from the fsync of
        # the folder after the rename has made the new file whole (not every platform can).
        renamed = "replace" in steps[:index]
        absorbed = isinstance(error, OSError) and (steps[index] == "lstat" or renamed)
        complete = absorbed or renamed
        if absorbed:
            assert raised is None
        else:
            assert raised is error
        # Nothing but the target, and never a temporary file.
        assert sorted(p.name for p in tmp_path.iterdir()) == ([target.name] if existing or complete else [])
        if complete:
            assert target.read_bytes() == _new_bytes(writer)
            assert stat.S_IMODE(target.stat().st_mode) == (OLD_MODE if existing else _default_mode())
        elif existing:
            assert target.read_bytes() == OLD_BYTES
            assert stat.S_IMODE(target.stat().st_mode) == OLD_MODE
        assert _open_descriptors() == descriptors


def _default_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


# --- the rows -----------------------------------------------------------------------


def row_k1(tmp_path: Path) -> None:
    """Every configuration's save passes through every I/O step the catalogue names, and each is faulted."""
    del tmp_path
    configurations = {(writer, existing) for writer in WRITERS for existing in (False, True)}
    for writer, existing in configurations:
        steps = _record(writer, existing)
        assert set(steps) >= REQUIRED_STEPS, (writer, existing, steps)
        if writer == "dump_jsonl":  # written in batches: a later write fails too
            assert steps.count("write") >= 2, steps
        # The rename comes after every write, flush, fchmod and fsync of the file.
        last_file_step = max(i for i, s in enumerate(steps) if s in {"write", "flush", "fchmod"})
        assert steps.index("replace") > last_file_step
        cases = [param.values[0] for param in FAULT_MATRIX]
        faulted = [
            case.index
            for case in cases
            if (case.writer, case.existing, case.exception) == (writer, existing, "ENOSPC")
        ]
        assert faulted == list(range(len(steps)))
    assert len(FAULT_MATRIX) >= 150


def row_k2(tmp_path: Path) -> None:
    """A save that cannot serialise fails before the target is touched, and leaves no temporary file."""
    target = tmp_path / "events.jsonl"
    target.write_bytes(OLD_BYTES)

    def mixed() -> Iterator[Any]:
        yield PAPER.events[0]
        yield PAPER.actors[0]  # a different class from the first item

    with pytest.raises(TypeError) as caught:
        cw.dump_jsonl(mixed(), target)
    assert str(caught.value) == "expected an Event, got Actor"
    assert target.read_bytes() == OLD_BYTES
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]

    # An item source that fails part-way (a caller's generator) leaves the old file too.
    def failing() -> Iterator[Any]:
        yield PAPER.events[0]
        raise RuntimeError("the caller's source broke")

    with pytest.raises(RuntimeError, match=r"^the caller's source broke\Z"):
        cw.dump_jsonl(failing(), target)
    assert target.read_bytes() == OLD_BYTES
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]

    # Something that is not a model object is refused before any file exists.
    fresh = tmp_path / "new.json"
    with pytest.raises(TypeError) as wrong:
        cw.dump(MINI, fresh)
    assert str(wrong.value) == "expected a model object such as a WhitePaper or an Event, got dict"
    assert not fresh.exists()
    # And so is a path whose format cannot be told, with nothing created.
    with pytest.raises(cw.LoadError) as suffix:
        cw.dump(PAPER, tmp_path / "paper.txt")
    assert suffix.value.message.endswith("expected .json, .yaml or .yml")
    with pytest.raises(cw.LoadError) as suffix:
        cw.dump(PAPER, tmp_path / "paper.jsonl")
    assert suffix.value.message.endswith(
        "expected .json, .yaml or .yml (use iter_jsonl or dump_jsonl for JSON Lines)"
    )
    # An item of another class than the one asked for is refused too, before the file changes.
    with pytest.raises(TypeError) as wrong_class:
        cw.dump_jsonl([PAPER.actors[0]], target, type=cw.Event)
    assert str(wrong_class.value) == "expected an Event, got Actor"
    assert target.read_bytes() == OLD_BYTES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"]


def row_k3(tmp_path: Path) -> None:
    """A symbolic link as destination is refused (ELOOP); the link and what it points to stay as they were."""
    real = tmp_path / "real.json"
    real.write_bytes(OLD_BYTES)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "missing.json")
    folder_link = tmp_path / "folder.json"
    folder_link.symlink_to(tmp_path)
    for destination, save in (
        (link, lambda p: cw.dump(PAPER, p)),
        (dangling, lambda p: cw.dump(PAPER, p)),
        (folder_link, lambda p: cw.dump(PAPER, p)),
        (tmp_path / "link.jsonl", lambda p: cw.dump_jsonl(PAPER.events, p)),
    ):
        if destination.name == "link.jsonl":
            destination.symlink_to(real)
        with pytest.raises(OSError, match="symbolic link") as caught:
            save(destination)
        assert caught.value.errno == errno.ELOOP
        assert caught.value.strerror == "refusing to write through a symbolic link"
        assert caught.value.filename == str(destination)
        assert destination.is_symlink()
    assert real.read_bytes() == OLD_BYTES
    assert not (tmp_path / "missing.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dangling.json",
        "folder.json",
        "link.json",
        "link.jsonl",
        "real.json",
    ]
    # A link in the folder part of the path is fine: only the last step is checked.
    (tmp_path / "sub").mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "sub")
    cw.dump(PAPER, tmp_path / "via" / "paper.json")
    assert cw.load(tmp_path / "sub" / "paper.json") == PAPER


def row_k4(tmp_path: Path) -> None:
    """A save keeps the old file's mode, and gives a new file 0666 less the umask (never mkstemp's 0600)."""
    for mode in (0o644, 0o640, 0o600, 0o664, 0o444):
        target = tmp_path / f"paper-{mode:o}.json"
        target.write_bytes(OLD_BYTES)
        target.chmod(mode)
        cw.dump(PAPER, target)
        assert stat.S_IMODE(target.stat().st_mode) == mode
        assert cw.load(target) == PAPER
    old_mask = os.umask(0o027)
    try:
        cw.dump(PAPER, tmp_path / "new.json")
        cw.dump_jsonl(PAPER.events, tmp_path / "new.jsonl")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "new.jsonl").stat().st_mode) == 0o640


def row_k5(tmp_path: Path) -> None:
    """Missing folder, full disk, no permission, cross-device rename: OSError with its errno, nothing left."""
    with pytest.raises(FileNotFoundError) as missing:
        cw.dump(PAPER, tmp_path / "no-such-folder" / "paper.json")
    assert missing.value.errno == errno.ENOENT
    target = tmp_path / "paper.json"
    target.write_bytes(OLD_BYTES)
    for name, number in (("mkstemp", errno.EACCES), ("write", errno.ENOSPC), ("replace", errno.EXDEV)):
        steps = _record("dump", existing=True)
        faults = _Faults(fail_at=steps.index(name), exception=OSError(number, os.strerror(number)))
        with faults.installed(), pytest.raises(OSError, match=os.strerror(number)) as caught:
            cw.dump(PAPER, target)
        assert caught.value.errno == number
        assert target.read_bytes() == OLD_BYTES
        assert [p.name for p in tmp_path.iterdir()] == ["paper.json"]
    # A folder where the file should be: the rename fails, the folder stays, the temporary goes.
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        cw.dump(PAPER, folder)
    assert folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.json", "paper.json"]


def _in_thread(work: Callable[[], Any]) -> BaseException | None:
    """Run ``work`` with a time limit, so that a read that blocks fails the test instead of hanging it."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert outcome, "the read blocked"
    return outcome[0]


def row_k6(tmp_path: Path) -> None:
    """Only regular files are read: a folder, a FIFO (without blocking) and /dev/zero are OSErrors."""
    folder = tmp_path / "folder.json"
    folder.mkdir()
    error = _in_thread(lambda: cw.load(folder))
    assert isinstance(error, IsADirectoryError)
    assert (error.errno, error.filename) == (errno.EISDIR, str(folder))
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for read in (lambda: cw.load(fifo), lambda: list(cw.iter_jsonl(fifo))):
        error = _in_thread(read)
        assert isinstance(error, OSError)
        assert (error.errno, error.strerror, error.filename) == (
            errno.EINVAL,
            "not a regular file",
            str(fifo),
        )
    for device in ("/dev/zero", "/dev/null", "/dev/urandom"):
        if not os.path.exists(device):  # pragma: no cover - every Linux has them
            continue
        error = _in_thread(lambda device=device: list(cw.iter_jsonl(device)))
        assert isinstance(error, OSError)
        assert (error.errno, error.strerror) == (errno.EINVAL, "not a regular file")
    # Through a link to a device, too: the check is on what was opened.
    zero_link = tmp_path / "zero.json"
    zero_link.symlink_to("/dev/zero")
    error = _in_thread(lambda: cw.load(zero_link))
    assert isinstance(error, OSError)
    assert error.errno == errno.EINVAL


def row_k7(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The path is opened once and checked on its descriptor; a file that grows after the check is caught."""
    target = tmp_path / "paper.json"
    cw.dump(PAPER, target)

    def no_path_checks(*args: object, **kwargs: object) -> None:
        raise AssertionError("the path was looked at apart from the one open")

    for name in ("stat", "lstat"):
        monkeypatch.setattr(os, name, no_path_checks)
    for name in ("exists", "isfile", "islink", "getsize"):
        monkeypatch.setattr(os.path, name, no_path_checks)
    assert cw.load(target) == PAPER
    monkeypatch.undo()
    # The file is larger than fstat said when it was checked: still no more than the limit is read.
    limits = cw.Limits(max_bytes=100)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        fields = list(info)
        fields[stat.ST_SIZE] = 50
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", stale_fstat)
    with pytest.raises(cw.LimitError) as caught:
        cw.load(target, limits=limits)
    assert str(caught.value) == "the file has over 100 bytes (limit max_bytes=100)"


def row_k8(tmp_path: Path) -> None:
    """Two writers saving one path at once: every read sees one complete document, the last writer wins."""
    target = tmp_path / "paper.json"
    cw.dump(PAPER, target)
    papers = (PAPER, OTHER_PAPER)
    stop = threading.Event()
    seen: list[cw.WhitePaper] = []
    failures: list[BaseException] = []

    def write(paper: cw.WhitePaper) -> None:
        try:
            for _ in range(30):
                cw.dump(paper, target)
        except BaseException as error:
            failures.append(error)

    def read() -> None:
        try:
            while not stop.is_set():
                seen.append(cw.load(target))
        except BaseException as error:
            failures.append(error)

    writers = [threading.Thread(target=write, args=(p,)) for p in papers]
    reader = threading.Thread(target=read)
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    reader.join()
    assert failures == []
    assert seen
    assert all(paper in papers for paper in seen)
    assert cw.load(target) in papers
    assert [p.name for p in tmp_path.iterdir()] == ["paper.json"]


def row_k9(tmp_path: Path) -> None:
    """Temporary files are hidden ``.<name>.<random>.tmp`` files no loader takes; old ones are left alone."""
    target = tmp_path / "paper.json"
    leftover = tmp_path / ".paper.json.crashed.tmp"
    leftover.write_bytes(b"half a docu")
    names: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        names.append(name)
        return fd, name

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", spy)
        cw.dump(PAPER, target)
        cw.dump(PAPER, target)
    assert len(names) == 2
    assert names[0] != names[1]
    for name in names:
        assert os.path.dirname(name) == str(tmp_path)
        assert re.fullmatch(r"\.paper\.json\.[a-z0-9_]+\.tmp", os.path.basename(name))
        assert not os.path.exists(name)
    assert leftover.read_bytes() == b"half a docu"
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["paper.json"]
    with pytest.raises(cw.LoadError) as caught:
        cw.load(leftover)
    assert caught.value.message == (
        f"cannot tell the format of {excerpt(str(leftover))}: expected .json, .yaml or .yml"
    )


ROWS = catalogue_rows(row_k1, row_k2, row_k3, row_k4, row_k5, row_k6, row_k7, row_k8, row_k9)


class TestCatalogueK:
    @pytest.mark.parametrize("row", ROWS)
    def test_row(self, row: Callable[..., None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each row of catalogue section K behaves as documented, leaving no damaged or stray file."""
        if row is row_k7:
            row(tmp_path, monkeypatch)
        else:
            row(tmp_path)


class TestFileHelpers:
    def test_default_mode_reads_the_umask_without_changing_it(self) -> None:
        """The new-file mode comes from the umask in force, which stays as it was."""
        old_mask = os.umask(0o077)
        try:
            assert _files._umask() == 0o077
            assert os.umask(0o077) == 0o077
        finally:
            os.umask(old_mask)

    def test_umask_read_without_changing_it(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Where /proc tells the umask, it is read there: the process-wide mask is never touched."""

        def no_umask(mask: int) -> int:
            raise AssertionError("the umask was changed, if only for a moment")

        expected = _default_mode()
        monkeypatch.setattr(os, "umask", no_umask)
        assert 0o666 & ~_files._umask() == expected

    def test_umask_without_proc(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Where /proc cannot tell the umask, it is read by setting and restoring it."""
        real_open = open

        def no_proc(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file).startswith("/proc/"):
                raise FileNotFoundError(file)
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", no_proc)
        old_mask = os.umask(0o027)
        try:
            assert _files._umask() == 0o027
            assert os.umask(0o027) == 0o027
        finally:
            os.umask(old_mask)

    def test_dump_jsonl_writes_compact_lines_and_counts_them(self, tmp_path: Path) -> None:
        """One compact line per item, Chinese as itself, and the number of lines returned."""
        target = tmp_path / "events.jsonl"
        assert cw.dump_jsonl(EVENTS, target) == len(EVENTS)
        lines = target.read_bytes().splitlines(keepends=True)
        assert len(lines) == len(EVENTS)
        expected = json.dumps(cw.to_dict(EVENTS[0]), ensure_ascii=False, separators=(",", ":"))
        assert lines[0] == (expected + "\n").encode("utf-8")
        assert cw.dump_jsonl([], target) == 0
        assert target.read_bytes() == b""
        chinese = attrs.evolve(EVENTS[0], title=cw.LocalizedText(en="Talk", zh="讲话"))
        cw.dump_jsonl([chinese], target, type=cw.Event)
        assert "讲话".encode() in target.read_bytes()

    def test_cleanup_failure_keeps_the_first_error(self, tmp_path: Path) -> None:
        """If removing the temporary file fails too, the error that stopped the save still propagates."""
        target = tmp_path / "paper.json"
        target.write_bytes(OLD_BYTES)
        steps = _record("dump", existing=True)
        fault = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        faults = _Faults(fail_at=steps.index("write"), exception=fault)

        def no_unlink(path: Any) -> None:
            raise PermissionError(errno.EACCES, "cannot remove", path)

        with faults.installed(), pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "unlink", no_unlink)
            with pytest.raises(OSError, match="No space left") as caught:
                cw.dump(PAPER, target)
        assert caught.value is fault
        assert target.read_bytes() == OLD_BYTES
        # The temporary file could not be removed: it is the only stray, hidden and named as such.
        strays = [p.name for p in tmp_path.iterdir() if p.name != "paper.json"]
        assert len(strays) == 1
        assert re.fullmatch(r"\.paper\.json\.[a-z0-9_]+\.tmp", strays[0])
