"""Read any supported file into a `Document`.

This module only checks the file itself (exists, readable, not empty, not huge, content
matches the extension) and dispatches by format; each format lives in its own module
and nothing else touches the format. Every failure is an `InputError` with a reason.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from auditor import limits
from auditor.errors import InputError
from auditor.models import Document, Paragraph, Table

SUPPORTED_EXTENSIONS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".doc": "legacy",  # converted with LibreOffice when installed
    ".wps": "legacy",
    ".xlsx": "xlsx",
    ".xls": "legacy_sheet",  # converted with LibreOffice when installed
    ".et": "legacy_sheet",  # WPS spreadsheet
}
MAX_FILE_BYTES = limits.MAX_FILE_BYTES


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


def detect_format(path: str) -> str:
    ext = Path(path).suffix.lower()
    fmt = SUPPORTED_EXTENSIONS.get(ext)
    if fmt is None:
        raise InputError(path, "unknown_format", ext=ext or "(none)")
    return fmt


def check_file(path: str) -> int:
    """Raise InputError unless `path` is a readable, non-empty regular file of sane size.
    Returns its size."""
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError(path, "broken_symlink")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "not_found") from None
    except PermissionError:
        raise InputError(path, "permission") from None
    except OSError as exc:
        raise InputError(path, "corrupt", detail=exc.strerror or type(exc).__name__) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is_directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, "not_regular")
    if not os.access(path, os.R_OK):
        raise InputError(path, "permission")
    if st.st_size == 0:
        raise InputError(path, "empty")
    if st.st_size > MAX_FILE_BYTES:
        raise InputError(path, "too_large", size=human_size(st.st_size), limit=human_size(MAX_FILE_BYTES))
    return st.st_size


def sniff(path: str) -> str | None:
    """What the first bytes say the file is: 'zip', 'pdf', 'ole' (legacy .doc or an
    encrypted Office file), or None for anything else (text, unknown)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except PermissionError:
        raise InputError(path, "permission") from None
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return None


def read_document(path: str) -> Document:
    """Read one file. Raises InputError with a reason for anything unreadable."""
    path = str(path)
    fmt = detect_format(path)
    check_file(path)
    actual = sniff(path)
    if fmt == "docx":
        if actual == "ole":
            # Encrypted .docx files are OLE containers; so are legacy .doc files.
            raise InputError(path, "encrypted")
        if actual == "pdf":
            raise InputError(path, "wrong_content", ext=".docx", actual="PDF")
        if actual != "zip":
            raise InputError(path, "not_a_zip")
        from auditor.readers.docx_reader import read_docx

        return _guard(path, read_docx)
    if fmt == "legacy":
        from auditor.readers.docx_reader import read_docx

        if actual == "zip":  # a .docx saved under an old extension
            return _guard(path, read_docx)
        if actual != "ole":
            raise InputError(path, "wrong_content", ext=Path(path).suffix.lower(), actual=actual or "?")
        from auditor.readers.legacy_office import read_legacy

        return _guard(path, lambda p: read_legacy(p, read_docx))
    if fmt in ("xlsx", "legacy_sheet"):
        return _read_sheet(path, fmt, actual)
    if fmt == "pdf":
        if actual != "pdf":
            looks = {"zip": "zip/Office", "ole": "Office"}.get(actual or "", "?")
            raise InputError(path, "wrong_content", ext=".pdf", actual=looks)
        from auditor.readers.pdf_reader import read_pdf

        return _guard(path, read_pdf)
    if actual in ("zip", "pdf", "ole"):
        raise InputError(path, "wrong_content", ext=Path(path).suffix.lower(), actual=actual)
    size = os.stat(path).st_size
    if size > limits.MAX_TEXT_FILE_BYTES:
        raise limits.over(path, "text_bytes", human_size(size), human_size(limits.MAX_TEXT_FILE_BYTES))
    from auditor.readers.text_reader import read_text

    return _guard(path, lambda p: read_text(p, fmt))


def _read_sheet(path: str, fmt: str, actual: str | None) -> Document:
    from auditor.readers.xlsx_reader import read_xlsx

    ext = Path(path).suffix.lower()
    if actual == "zip":  # .xlsx, or an .xlsx saved under an old extension
        return _guard(path, read_xlsx)
    if actual == "ole":
        if fmt == "xlsx":  # a password-protected .xlsx is an OLE container
            raise InputError(path, "encrypted")
        from auditor.readers.legacy_office import read_legacy_sheet

        return _guard(path, lambda p: read_legacy_sheet(p, read_xlsx))
    raise InputError(path, "wrong_content", ext=ext, actual="PDF" if actual == "pdf" else "?")


def _guard(path: str, reader) -> Document:  # type: ignore[no-untyped-def]
    """Run a format reader; anything it did not anticipate becomes a clear InputError
    rather than a traceback. Every format's Document then gets the same table
    canonicalization (readers.canonical), so equal content gives equal tables."""
    from auditor.readers.canonical import canonicalize

    try:
        doc = reader(path)
        check_document(doc)
        return canonicalize(doc)
    except InputError:
        raise
    except limits.Exceeded as exc:
        raise exc.error(path) from None
    except MemoryError:
        raise InputError(path, "too_large", size="?", limit="memory") from None
    except RecursionError:
        raise InputError(path, "corrupt", detail="structure nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - the boundary where library errors become user messages
        detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise InputError(path, "corrupt", detail=detail) from None


def check_document(doc: Document) -> None:
    """Raise limits.Exceeded when a document read by any reader is beyond the limits on
    blocks, cells and characters (readers also stop early while reading; this is the
    common backstop, so every format obeys the same numbers)."""
    limits.check("blocks", len(doc.blocks), limits.MAX_BLOCKS)
    cells = chars = 0
    stack: list[Paragraph | Table] = list(doc.blocks)
    while stack:
        block = stack.pop()
        if isinstance(block, Table):
            for row in block.rows:
                cells += len(row)
                for cell in row:
                    chars += len(cell.text)
                    stack.extend(cell.tables)
        else:
            chars += len(block.text)
    limits.check("cells", cells, limits.MAX_CELLS)
    limits.check("chars", chars, limits.MAX_CHARS)
