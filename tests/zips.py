"""Building hostile zip archives for the intake tests: bombs, lying headers, unknown compression."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from pathlib import Path

MiB = 1 << 20


def write_zeros(zf: zipfile.ZipFile, name: str, size: int) -> None:
    """A member of ``size`` zero bytes, deflated while written (200 MiB compress to about 200 KiB)."""
    block = bytes(MiB)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=size > (1 << 31)) as out:
        for _ in range(size // MiB):
            out.write(block)


def package(path: Path, student: str | None, members: dict[str, bytes], *, manifest: object = None,
            raw_manifest: bytes | None = None) -> Path:
    """A submission package: ``members`` plus a manifest listing them with their checksums."""
    if manifest is None:
        manifest = {"student": student, "notebooks": [
            {"file": name, "sha256": hashlib.sha256(data).hexdigest()} for name, data in members.items()]}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("MANIFEST.json", raw_manifest if raw_manifest is not None else json.dumps(manifest))
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _central_entry(data: bytes, start: int, name: str) -> int:
    pos = start
    while data[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", data[pos + 28:pos + 34])
        if data[pos + 46:pos + 46 + n].decode() == name:
            return pos
        pos += 46 + n + m + k
    raise KeyError(name)


def patch_member(path: Path, name: str, *, method: int | None = None, size: int | None = None) -> None:
    """Rewrite a member's compression method (local and central headers) or its declared size (central)."""
    with zipfile.ZipFile(path) as zf:
        info, start = zf.getinfo(name), zf.start_dir
    data = bytearray(path.read_bytes())
    central = _central_entry(bytes(data), start, name)
    if method is not None:
        struct.pack_into("<H", data, info.header_offset + 8, method)
        struct.pack_into("<H", data, central + 10, method)
    if size is not None:
        struct.pack_into("<I", data, central + 24, size)
    path.write_bytes(bytes(data))
