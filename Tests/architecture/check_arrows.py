#!/usr/bin/env python3
"""Checks the arrows between the folders of Sources/Warraq against ARCHITECTURE.md: a file may name a type declared
in its own folder or in a folder before its own in LAYERS, never one after it.

It reads top-level type declarations (struct, enum, class, protocol, actor, typealias) and the identifiers each
file uses, comments and string literals left out. A member added by an extension to another folder's type is not
seen; a type named only through inference is not either. It fails on a name that points the wrong way.
usage: check_arrows.py
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = os.path.join(ROOT, "Sources", "Warraq")
# The flow, lowest first: each folder may use the ones before it.
LAYERS = ["Util", "JSON", "Text", "Model", "Ingest", "Clean", "Annotate", "Filter", "Dedup", "Dataset", "Run",
          "Export", "Tools"]
DECLARATION = re.compile(r"^(?:@\w+ )*(?:(?:public|package|internal|fileprivate|private|final|indirect) )*(?:struct|enum|class|protocol|actor|typealias)\s+([A-Z]\w*)", re.M)
IDENTIFIER = re.compile(r"\b[A-Z]\w*\b")


def strip(code: str) -> str:
    code = re.sub(r'"""(?:.|\n)*?"""', '""', code)
    code = re.sub(r"/\*(?:.|\n)*?\*/", "", code)
    code = re.sub(r"//[^\n]*", "", code)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', code)


def files():
    for folder, _, names in os.walk(SOURCES):
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                layer = os.path.relpath(path, SOURCES).split(os.sep)[0]
                with open(path, encoding="utf-8") as f:
                    yield layer, os.path.relpath(path, ROOT), strip(f.read())


def main() -> int:
    sources = list(files())
    unknown = sorted({layer for layer, _, _ in sources if layer not in LAYERS})
    if unknown:
        print(f"arrows: folders not in LAYERS (add them to ARCHITECTURE.md and this script): {', '.join(unknown)}")
        return 1
    home = {}
    for layer, path, code in sources:
        for name in DECLARATION.findall(code):
            home.setdefault(name, set()).add(layer)
    wrong = []
    for layer, path, code in sources:
        rank = LAYERS.index(layer)
        for name in sorted(set(IDENTIFIER.findall(code))):
            layers = home.get(name)
            if not layers or layer in layers:
                continue
            later = [l for l in layers if LAYERS.index(l) > rank]
            if later and len(later) == len(layers):
                wrong.append(f"{path}: {layer} uses {name} from {', '.join(sorted(later))}")
    for line in wrong:
        print(line)
    if wrong:
        print(f"arrows: {len(wrong)} names point against the flow ({' -> '.join(LAYERS)})")
        return 1
    print(f"arrows: {len(sources)} files, every name points down the flow ({' -> '.join(LAYERS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
