#!/usr/bin/env bash
# Fails when a C++ file of the module is not formatted with the repository's .clang-format
# (ns-3.37's own settings), or when wscript is not valid Python.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cc' '*.h' 2>/dev/null ||
    find model helper examples test -name '*.cc' -o -name '*.h')
for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    if ! clang-format --style=file --dry-run --Werror "$file" >/dev/null 2>&1; then
        echo "not formatted: $file (run: clang-format -i $file)"
        status=1
    fi
done
for script in wscript examples/wscript; do
    if ! python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])' "$script"; then
        echo "invalid Python: $script"
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "format and wscript checks: ${#files[@]} files ok"
exit "$status"
