"""Reading zip archives from students within bounds: no member, total or count past its limit.

A zip can claim anything: a 0.5 MiB upload can expand to gigabytes, a header can lie about a member's
size, a member can use a compression method Python does not know. Every read here streams in chunks,
checks the declared size before reading and the actual size while reading, and stops at the caps on one
member, on the whole archive and on the number and folder depth of its members. A member is never held
whole in memory.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Iterator

CHUNK = 1 << 16
MiB = 1 << 20


class ArchiveError(Exception):
    """An archive, or one of its members, cannot be read within bounds; the message is one sentence."""


@dataclass(frozen=True)
class Bounds:
    member_bytes: int = 100 * MiB    # one expanded member (nbgrader's own max_file_size is 100 MB)
    total_bytes: int = 4096 * MiB    # everything expanded from one archive (a class's LMS download)
    members: int = 20000
    depth: int = 8                   # folders in a member's path


PACKAGE_BOUNDS = Bounds(member_bytes=64 * MiB, total_bytes=256 * MiB, members=200, depth=2)


class Budget:
    """What is left of an archive's expansion allowance while its members are read."""

    def __init__(self, bounds: Bounds):
        self.bounds = bounds
        self.left = bounds.total_bytes

    def take(self, n: int, where: str) -> None:
        self.left -= n
        if self.left < 0:
            raise ArchiveError(f"{where}: the archive expands to more than {self.bounds.total_bytes // MiB} MiB "
                               "in all, so the rest of it was not read.")


def declared_members(path: Path) -> int | None:
    """The member count in the zip's end record (0xFFFF: that many or more), read before the listing is."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - (22 + 0xFFFF)))  # the end record and at most a 64 KiB comment
        tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    return struct.unpack("<H", tail[at + 10:at + 12])[0]


def open_zip(path: Path, bounds: Bounds) -> zipfile.ZipFile:
    """Open ``path`` as a zip and check its member count (before Python lists every member in memory)."""
    try:
        declared = declared_members(path)
        if declared is not None and declared > bounds.members:
            raise ArchiveError(f"{path}: has more than {bounds.members} members, so it was not read.")
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveError(f"{path}: not a readable zip archive ({exc.__class__.__name__}).") from None
    if len(zf.infolist()) > bounds.members:
        zf.close()
        raise ArchiveError(f"{path}: has more than {bounds.members} members, so it was not read.")
    return zf


def member_path(info: zipfile.ZipInfo, bounds: Bounds) -> PurePosixPath | None:
    """The member's safe relative path, or None for a folder, a link, an absolute or escaping path."""
    name = PurePosixPath(info.filename.replace("\\", "/"))
    if info.is_dir() or name.is_absolute() or not name.parts or ".." in name.parts:
        return None
    if (info.external_attr >> 16) & 0o170000 == 0o120000:  # a symlink
        return None
    if len(name.parts) > bounds.depth + 1:
        return None
    return name


def stream_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, out: IO[bytes], budget: Budget,
                  where: str) -> str:
    """Copy one member to ``out`` within bounds; returns its SHA-256. Raises ArchiveError."""
    bounds = budget.bounds
    if info.file_size > bounds.member_bytes:
        raise ArchiveError(f"{where}: declares {info.file_size // MiB} MiB, more than the "
                           f"{bounds.member_bytes // MiB} MiB allowed for one file, so it was not read.")
    budget.take(info.file_size, where)
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(info) as src:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    raise ArchiveError(f"{where}: expands past the size its header declares, so it was not read.")
                digest.update(chunk)
                out.write(chunk)
    except ArchiveError:
        raise
    except NotImplementedError:
        raise ArchiveError(f"{where}: compressed with a method this grader cannot read.") from None
    except RuntimeError:  # an encrypted member
        raise ArchiveError(f"{where}: is encrypted, so it cannot be read.") from None
    except Exception as exc:  # BadZipFile (CRC), zlib/lzma/bz2 errors, EOFError, OSError: a damaged member
        raise ArchiveError(f"{where}: is damaged in the archive ({exc.__class__.__name__}).") from None
    if size != info.file_size:
        raise ArchiveError(f"{where}: is shorter than its header declares (damaged archive).")
    return digest.hexdigest()


def read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: Budget, where: str) -> bytes:
    """A member expected to be small (a manifest), read whole only if it declares at most ``limit`` bytes."""
    if info.file_size > limit:
        raise ArchiveError(f"{where}: is larger than the {limit // 1024} KiB allowed, so it was not read.")

    buf = io.BytesIO()
    stream_member(zf, info, buf, budget, where)
    return buf.getvalue()


def extract_all(archive: Path, dest: Path, bounds: Bounds = Bounds()) -> Iterator[str]:
    """Extract ``archive`` into ``dest`` within ``bounds``; yields one sentence per member left out.

    Links, absolute or escaping paths, too deep paths, a file where a folder is (or the reverse), and
    unreadable members are skipped with a sentence; a member or total past its cap stops there.
    """
    budget = Budget(bounds)
    with open_zip(archive, bounds) as zf:
        for info in zf.infolist():
            rel = member_path(info, bounds)
            if rel is None:
                if not info.is_dir():
                    yield f"{archive}: {info.filename!r} was skipped (a link, or a path outside the archive)."
                continue
            target = dest.joinpath(*rel.parts)
            where = f"{archive}: {rel}"
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "xb") as out:
                    try:
                        stream_member(zf, info, out, budget, where)
                    except ArchiveError:
                        out.close()
                        target.unlink()
                        raise
            except ArchiveError as exc:
                yield str(exc)
                if budget.left < 0:
                    return
            except OSError as exc:  # a file and a folder of one name, a repeated name, a name the OS refuses
                yield f"{where}: could not be extracted ({exc.__class__.__name__}: a file and a folder of one " \
                      "name, or a repeated name), so it was skipped."
