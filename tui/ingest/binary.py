"""What binary format some bytes are, before anything reads them as text.

Below every reader that takes bytes from outside (files, pages, feeds): a PNG or a ZIP archive is
refused with its name instead of being decoded into noise."""

from __future__ import annotations

_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive"),
    (b"PK\x05\x06", 0, "ZIP archive"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"MZ", 0, "Windows executable"),
    (b"\xca\xfe\xba\xbe", 0, "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", 0, "Mach-O binary"),
    (b"\xce\xfa\xed\xfe", 0, "Mach-O binary"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"\x00asm", 0, "WebAssembly module"),
    (b"OggS", 0, "Ogg media"),
    (b"ID3", 0, "MP3 audio"),
    (b"fLaC", 0, "FLAC audio"),
    (b"RIFF", 0, "RIFF media (WAV/AVI/WebP)"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"ftyp", 4, "MP4/QuickTime media"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "MS Office document"),
    (b"wOFF", 0, "WOFF font"),
    (b"wOF2", 0, "WOFF2 font"),
]
# Signatures that are also plausible text starts count only when the file has NUL bytes too.
_WEAK_MAGIC = {b"BZh", b"MZ", b"ID3", b"OggS", b"RIFF", b"fLaC", b"wOFF", b"wOF2"}


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is (e.g. "PNG image"), or None if it may be text."""
    has_nul = b"\x00" in data[:65536]
    for magic, offset, kind in _MAGIC:
        if data[offset : offset + len(magic)] == magic and (magic not in _WEAK_MAGIC or has_nul):
            return kind
    return None
