"""Safety checks on a zip-based Office file before any library opens it.

Everything here reads only the zip's central directory and, for XML members, the first
bytes of the stream (the prolog before the root element), so a hostile file is refused
without inflating it. Reusable by any zip-based format (.docx, .xlsx, .pptx, .odt).

Refusals are `InputError`s:
- 'not_a_zip': not a zip archive (or its central directory is broken);
- 'no_document_part': a required member (e.g. word/document.xml) is missing;
- 'zip_bomb': the declared uncompressed total is too large, a big member is compressed
  suspiciously well, or the archive has absurdly many members;
- 'hostile_xml': an XML member declares a DTD or entities (billion laughs, XXE);
- 'encrypted': zip-level encryption (Office never uses it; a password-protected .docx
  is an OLE file, which readers/__init__.py recognises before we get here).

Declared sizes are enough: Python's zipfile never returns more than a member's declared
size (a member that inflates further fails its CRC check), so a lie cannot get past us.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable

from auditor.errors import InputError
from auditor.readers import human_size

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # a 40-page report inflates to a few MB
MAX_RATIO = 200  # XML usually compresses 5-30:1; 200:1 is only reached by padding
RATIO_MIN_SIZE = 2 * 1024 * 1024  # small members may compress absurdly well and do no harm
MAX_MEMBERS = 20_000
PROLOG_LIMIT = 64 * 1024  # bytes of an XML member scanned for the root element
XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_zip(path: str, required: Iterable[str] = ()) -> None:
    """Raise InputError unless `path` is a zip that is safe to open and holds every
    member named in `required`."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise InputError(path, "not_a_zip") from None
    except OSError as exc:
        raise InputError(path, "corrupt", detail=exc.strerror or type(exc).__name__) from None
    with zf:
        infos = zf.infolist()
        names = {info.filename for info in infos}
        for name in required:
            if name not in names:
                raise InputError(path, "no_document_part")
        _check_sizes(path, infos)
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(path, "encrypted")
        for info in infos:
            if info.filename.lower().endswith(XML_SUFFIXES) and not info.is_dir():
                _check_prolog(path, zf, info)


def _check_sizes(path: str, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(max(info.file_size, 0) for info in infos)
    worst = max(
        (info.file_size / max(info.compress_size, 1) for info in infos if info.file_size >= RATIO_MIN_SIZE),
        default=0.0,
    )
    overall = total / max(sum(info.compress_size for info in infos), 1)
    if len(infos) > MAX_MEMBERS or total > MAX_TOTAL_UNCOMPRESSED or worst > MAX_RATIO:
        ratio = max(worst, overall)
        raise InputError(path, "zip_bomb", size=human_size(total), ratio=f"{ratio:.0f}")


def _check_prolog(path: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Read an XML member only up to its root element; refuse a DTD or entity
    declaration. Fails 'corrupt' if the member cannot be inflated at all."""
    try:
        with zf.open(info) as fh:
            head = b""
            while len(head) < PROLOG_LIMIT:
                chunk = fh.read(4096)
                if not chunk:
                    break
                head += chunk
                verdict = _scan_prolog(_as_text(head))
                if verdict == "hostile":
                    raise InputError(path, "hostile_xml")
                if verdict == "root":
                    return
            else:
                # 64 KB of prolog without a root element is no Office file; a DTD could hide there.
                raise InputError(path, "hostile_xml")
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        raise InputError(path, "corrupt", detail=f"{info.filename}: {type(exc).__name__}") from None
    # A member that ends before its root element: empty or truncated. The XML parser will
    # report it if the part is needed; a stray empty part does no harm.
    if _scan_prolog(_as_text(head)) == "hostile":
        raise InputError(path, "hostile_xml")


def _as_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="ignore")
    return head.decode("latin-1")  # markup is ASCII; content bytes do not matter here


def _scan_prolog(text: str) -> str:
    """'hostile' if a DOCTYPE/ENTITY declaration comes before the root element, 'root'
    once the root element starts, 'more' if the text ends inside the prolog."""
    i = 0
    n = len(text)
    while True:
        lt = text.find("<", i)
        if lt < 0 or lt + 1 >= n:
            return "more"
        nxt = text[lt + 1]
        if nxt == "?":  # XML declaration or processing instruction
            end = text.find("?>", lt + 2)
            if end < 0:
                return "more"
            i = end + 2
        elif nxt == "!":
            if text.startswith("<!--", lt):
                end = text.find("-->", lt + 4)
                if end < 0:
                    return "more"
                i = end + 3
                continue
            if n - lt < 4:  # could still be the start of a comment
                return "more"
            # <!DOCTYPE, <!ENTITY or any other declaration: Office XML never has one.
            return "hostile"
        else:
            return "root"
