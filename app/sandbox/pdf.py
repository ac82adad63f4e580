"""Small but valid PDFs for the emulated airway bills (written by hand: the sandbox
depends on nothing but the standard library and the domain).

Each page holds lines of Helvetica text, so a test can read a label back (package and
tracking number) with any PDF reader.
"""

from __future__ import annotations

from collections.abc import Sequence

A6 = (298, 420)  # points


def pdf_pages(pages: Sequence[Sequence[str]], size: tuple[int, int] = A6) -> bytes:
    """A PDF with one page per entry of ``pages``, each a list of text lines (Latin-1)."""
    width, height = size
    n = len(pages)
    # objects: 1 catalog, 2 pages, 3 font, then (page, contents) per page
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        text = " ".join(f"({_escape(line)}) '" for line in lines)
        stream = f"BT /F1 10 Tf 14 TL 20 {height - 30} Td {text} ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            f"/Contents {5 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(
            f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{off:010d} 00000 n \n" for off in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
