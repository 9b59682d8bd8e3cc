"""The demo modules import along the layers: privacy below customers, customers below orders."""

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent


def imported_apps(path: str) -> set[str]:
    tree = ast.parse((PROJECT_DIR / path).read_text())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module)
    return {module.split(".")[0] for module in modules}


@pytest.mark.parametrize(
    ("path", "forbidden"),
    [
        ("privacy/demo.py", {"customers", "orders", "webstrella"}),
        ("customers/demo.py", {"orders", "webstrella"}),
        ("orders/demo.py", {"webstrella"}),
    ],
)
def test_a_demo_module_imports_no_app_above_it(path, forbidden):
    assert not imported_apps(path) & forbidden
