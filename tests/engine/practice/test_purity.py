"""The practice package is engine code: the standard library only, nothing from Django."""

from pathlib import Path

import explainer.engine.practice
from tests.engine.test_purity import ALLOWED, imported_modules

PACKAGE = Path(explainer.engine.practice.__file__).parent


def test_the_practice_package_imports_only_the_allowed_standard_library():
    found = {name.split(".")[0] for path in PACKAGE.glob("*.py") for name in imported_modules(path)}
    assert found <= ALLOWED, found - ALLOWED
