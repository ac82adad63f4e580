"""Keep the Indonesian translation in step with the source: ``uv run python build/i18n.py``.

    update [--merge FILE.json ...]   collect every tr("…")/N_("…") literal under app/gui
                                     into resources/translations/storesync_id.ts, keeping
                                     existing translations (and adding those in the JSON
                                     files: {"English": "Indonesian"}), then compile .qm
    check                            exit 1 if a literal has no translation or the .qm is
                                     not the .ts compiled (the tests run this)

The .ts file is Qt Linguist's XML: translators can edit it there. Extraction reads the
code with ``ast``, so only literal arguments count: a value passed to tr() as a variable
must have been marked N_("…") where it was written.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "app" / "gui"
CORE = ROOT / "app" / "core"  # msg("…") texts the services write for the seller
PRINTING = ROOT / "app" / "printing"  # msg("…") texts on printed pages (picking list, slips)
TS = ROOT / "resources" / "translations" / "storesync_id.ts"
QM = TS.with_suffix(".qm")
CONTEXT = "StoreSync"
MARKERS = {"tr", "tr_cached", "N_", "msg"}

# Qt's own button texts (standard dialog buttons, wizard buttons). PySide6 ships no
# Indonesian qtbase translation, so ours carries them; sources as in Qt 6's
# qplatformtheme.cpp and qwizard.cpp (Windows and Linux, and the macOS wizard words).
QT_TEXTS = {
    "QPlatformTheme": {
        "OK": "OK", "Save": "Simpan", "Save All": "Simpan semua", "Open": "Buka",
        "&Yes": "&Ya", "Yes to &All": "Ya untuk &semua", "&No": "&Tidak",
        "N&o to All": "T&idak untuk semua", "Abort": "Batalkan", "Retry": "Coba lagi",
        "Ignore": "Abaikan", "Close": "Tutup", "Cancel": "Batal", "Discard": "Buang",
        "Help": "Bantuan", "Apply": "Terapkan", "Reset": "Atur ulang",
        "Restore Defaults": "Kembalikan bawaan",
    },
    "QWizard": {
        "< &Back": "< &Kembali", "&Next >": "&Lanjut >", "&Next": "&Lanjut",
        "&Finish": "&Selesai", "Cancel": "Batal", "&Help": "&Bantuan", "Help": "Bantuan",
        "Go Back": "Kembali", "Continue": "Lanjutkan", "Done": "Selesai", "Commit": "Kirim",
    },
}  # fmt: skip


def extract(
    roots: tuple[Path, ...] = (SOURCES, CORE, PRINTING),
) -> tuple[dict[str, str], list[str]]:
    """Every marked literal -> where it was first seen; and the misuses."""
    found: dict[str, str] = {}
    errors: list[str] = []
    for path in sorted(p for root in roots for p in root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        if path.is_relative_to(SOURCES):
            errors += _translated_at_import(tree, path)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in MARKERS and node.args):
                continue
            arg = node.args[0]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, where)
            elif _name(node.func) in ("N_", "msg"):
                errors.append(f"{where}: {_name(node.func)}() needs a literal string")
            # tr(variable) translates a value marked N_() where it was defined
    return found, errors


def _translated_at_import(tree: ast.Module, path: Path) -> list[str]:
    """tr() outside any function runs when the module is imported, before the language
    is loaded: the text would stay English."""
    out = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        nested = [n for n in ast.walk(stmt) if isinstance(n, (ast.FunctionDef, ast.Lambda))]
        inside = {id(x) for f in nested for x in ast.walk(f)}
        for node in ast.walk(stmt):
            if (
                isinstance(node, ast.Call)
                and _name(node.func) == "tr"
                and isinstance(node.func, ast.Name)
                and id(node) not in inside
            ):
                out.append(
                    f"{path.relative_to(ROOT)}:{node.lineno}: tr() at import time; "
                    "mark with N_() and translate where shown"
                )
    return out


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return "tr" if func.id == "tr_cached" else func.id
    if isinstance(func, ast.Attribute) and func.attr == "tr":  # self.tr(...)
        return "tr"
    return None


def read_ts(path: Path = TS) -> dict[str, str]:
    """English -> Indonesian from the .ts file (unfinished entries count as missing)."""
    if not path.exists():
        return {}
    out = {}
    ours = [c for c in ET.parse(path).getroot().iter("context") if c.findtext("name") == CONTEXT]
    for msg in (m for c in ours for m in c.iter("message")):
        source = msg.findtext("source") or ""
        t = msg.find("translation")
        if t is not None and t.text and t.get("type") not in ("unfinished", "obsolete"):
            out[source] = t.text
    return out


def write_ts(found: dict[str, str], translations: dict[str, str], path: Path = TS) -> None:
    root = ET.Element("TS", version="2.1", language="id_ID", sourcelanguage="en")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for source in sorted(found, key=str.casefold):
        msg = ET.SubElement(ctx, "message")
        file, line = found[source].rsplit(":", 1)
        ET.SubElement(msg, "location", filename=f"../../{file}", line=line)
        ET.SubElement(msg, "source").text = source
        t = ET.SubElement(msg, "translation")
        if source in translations:
            t.text = translations[source]
        else:
            t.set("type", "unfinished")
    for name, texts in QT_TEXTS.items():
        qt_ctx = ET.SubElement(root, "context")
        ET.SubElement(qt_ctx, "name").text = name
        for source, translation in texts.items():
            msg = ET.SubElement(qt_ctx, "message")
            ET.SubElement(msg, "source").text = source
            ET.SubElement(msg, "translation").text = translation
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def lrelease() -> Path:
    """The lrelease of the PySide6 in this environment."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    return Path(shutil.which("pyside6-lrelease") or here)


def compile_qm(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [str(lrelease()), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True
    )


def qm_matches_ts() -> bool:
    """Whether the committed .qm is exactly what the .ts compiles to."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "check.qm"
        compile_qm(TS, fresh)
        return QM.exists() and QM.read_bytes() == fresh.read_bytes()


def missing() -> list[str]:
    found, _errors = extract()
    have = read_ts()
    return sorted(s for s in found if not have.get(s))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    up = sub.add_parser("update")
    up.add_argument("--merge", nargs="*", type=Path, default=[])
    sub.add_parser("check")
    a = p.parse_args(argv)
    found, errors = extract()
    for e in errors:
        print(e, file=sys.stderr)
    if a.cmd == "update":
        translations = read_ts()
        for f in a.merge:
            translations.update(json.loads(f.read_text(encoding="utf-8")))
        write_ts(found, translations)
        compile_qm()
        gaps = missing()
        print(f"{len(found)} texts, {len(found) - len(gaps)} translated -> {TS.relative_to(ROOT)}")
        for s in gaps:
            print(f"  untranslated: {s!r} ({found[s]})")
        return 1 if errors else 0
    gaps = missing()
    for s in gaps:
        print(f"untranslated: {s!r} ({found[s]})", file=sys.stderr)
    stale = not qm_matches_ts()
    if stale:
        print(f"{QM.relative_to(ROOT)} is not the .ts compiled: run update", file=sys.stderr)
    return 1 if errors or gaps or stale else 0


if __name__ == "__main__":
    sys.exit(main())
