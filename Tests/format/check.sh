#!/usr/bin/env bash
# Fails when a Swift file is not as `make format` leaves it (swift-format with .swift-format), or has a line longer
# than 120 characters (a string or comment swift-format cannot break). Formats a copy; the tree is not touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r .swift-format Package.swift Sources Tests "$copy"/
(cd "$copy" && swift format format -i -r --parallel Sources Tests Package.swift)
status=0
if ! diff -r -q Sources "$copy/Sources" >/dev/null || ! diff -r -q Tests "$copy/Tests" >/dev/null \
    || ! diff -q Package.swift "$copy/Package.swift" >/dev/null; then
    echo "format: these files are not formatted; run \`make format\`:"
    diff -r -q Sources "$copy/Sources" | sed 's/^/  /' || true
    diff -r -q Tests "$copy/Tests" | sed 's/^/  /' || true
    diff -q Package.swift "$copy/Package.swift" | sed 's/^/  /' || true
    status=1
fi
long=$(python3 - <<'PY'
import pathlib
for p in sorted(pathlib.Path(".").glob("**/*.swift")):
    if p.parts[0] not in ("Sources", "Tests") and p.name != "Package.swift":
        continue
    for i, line in enumerate(p.read_text(encoding="utf-8").split("\n"), 1):
        if len(line) > 120:
            print(f"  {p}:{i}: {len(line)} characters")
PY
)
if [ -n "$long" ]; then
    echo "format: lines longer than 120 characters (break the string or the comment):"
    echo "$long"
    status=1
fi
[ $status -eq 0 ] && echo "format: every Swift file is formatted, every line within 120 characters"
exit $status
