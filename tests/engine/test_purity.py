"""The engine is pure Python: standard library only, and nothing from Django."""

import ast
import subprocess
import sys
from pathlib import Path

import explainer.engine

ENGINE = Path(explainer.engine.__file__).parent
ALLOWED = {
    "decimal",
    "dataclasses",
    "enum",
    "typing",
    "collections",
    "functools",
    "itertools",
    "math",
    "re",
}


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_engine_imports_only_the_allowed_standard_library():
    found = {name.split(".")[0] for path in ENGINE.glob("*.py") for name in imported_modules(path)}
    assert found <= ALLOWED, found - ALLOWED


def test_importing_the_engine_loads_no_django_module():
    code = (
        "import sys, explainer.engine; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    root = ENGINE.parent.parent
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
