"""Legacy Office files: Word (.doc, WPS .wps) converted to .docx, spreadsheets (.xls,
WPS .et) converted to .xlsx, with LibreOffice when it is installed, then read by the
.docx or .xlsx reader.

Bureaus' folders still hold .doc drafts. We never parse the binary format ourselves; a
headless LibreOffice converts into a private temporary folder (never beside the input),
with its own throw-away profile so parallel batch workers do not fight over one, and a
time limit so a hostile file cannot hang the run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from auditor.errors import InputError
from auditor.models import Document
from auditor.notes import note

CONVERT_TIMEOUT_S = 120


def office_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def check_word_container(path: str) -> None:
    """An OLE file is a Word document only if its directory names a WordDocument stream;
    an encrypted .docx is an OLE file holding an EncryptedPackage. Anything else would be
    'opened' by LibreOffice as plain text and read as garbage."""
    data = Path(path).read_bytes()
    if _ENCRYPTED_STREAM in data:
        raise InputError(path, "encrypted")
    if _WORD_STREAM not in data:
        raise InputError(path, "corrupt", detail="no WordDocument stream")


_SHEET_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))  # BIFF8, BIFF5


def check_sheet_container(path: str) -> None:
    """An OLE spreadsheet (.xls, WPS .et) names a Workbook (or, BIFF5, Book) stream."""
    data = Path(path).read_bytes()
    if _ENCRYPTED_STREAM in data:
        raise InputError(path, "encrypted")
    if not any(stream in data for stream in _SHEET_STREAMS):
        raise InputError(path, "corrupt", detail="no Workbook stream")


def read_legacy(path: str, read_docx: Callable[[str], Document]) -> Document:
    check_word_container(path)
    return _convert(path, "docx", "docx:MS Word 2007 XML", read_docx, "legacy_needs_office", "conversion_failed")


def read_legacy_sheet(path: str, read_xlsx: Callable[[str], Document]) -> Document:
    check_sheet_container(path)
    return _convert(
        path, "xlsx", "xlsx:Calc MS Excel 2007 XML", read_xlsx, "legacy_sheet_needs_office", "sheet_conversion_failed"
    )


def _convert(
    path: str,
    suffix: str,
    target: str,
    read: Callable[[str], Document],
    needs_office: str,
    failed: str,
) -> Document:
    binary = office_binary()
    if binary is None:
        raise InputError(path, needs_office, ext=Path(path).suffix.lower())
    with tempfile.TemporaryDirectory(prefix="auditor-convert-") as tmp:
        out_dir = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(Path(path).resolve()),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, failed, detail=f"timeout {CONVERT_TIMEOUT_S} s") from None
        except OSError as exc:
            raise InputError(path, failed, detail=exc.strerror or type(exc).__name__) from None
        converted = out_dir / f"{Path(path).stem}.{suffix}"
        if not converted.is_file():
            # LibreOffice says nothing useful on failure; encrypted and broken files end here
            raise InputError(path, failed, detail="LibreOffice could not open it")
        return _as_original(read(str(converted)), str(converted), path)


def _as_original(doc: Document, converted: str, path: str) -> Document:
    """Point the document and every location at the file the user gave, not the
    temporary copy (locations are immutable: rebuild through JSON, where the unique
    temporary path can only occur as a file name)."""
    # pydantic writes non-ASCII as is: a Chinese file name must be matched unescaped
    old, new = json.dumps(converted, ensure_ascii=False), json.dumps(path, ensure_ascii=False)
    rebuilt = Document.model_validate_json(doc.model_dump_json().replace(old, new))
    rebuilt.notes.insert(0, note("converted_legacy", ext=Path(path).suffix.lower()))
    return rebuilt
