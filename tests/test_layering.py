"""Package boundaries: a module whose name starts with `_` is its package's own business.

Another package that needs one of its helpers imports it from a neutral module instead
(e.g. `briefings.textpatterns`), so that the private module can change with its package.
"""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


def _private_owner(module: str) -> str | None:
    """The package owning `module` when one of its parts is private (`a.b._c` → `a.b`)."""
    parts = module.split(".")
    for index, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__") and index > 0:
            return ".".join(parts[:index])
    return None


def test_no_module_imports_another_packages_private_module() -> None:
    crossings = []
    for top in ("briefings", "bot"):
        for path in sorted((PROJECT / top).rglob("*.py")):
            package = ".".join(path.relative_to(PROJECT).with_suffix("").parts[:-1])
            for module in _imported_modules(path):
                if not module.startswith(("briefings.", "bot.")):
                    continue
                owner = _private_owner(module)
                if owner is not None and not (package + ".").startswith(owner + "."):
                    crossings.append(f"{path.relative_to(PROJECT)} imports {module}")
    assert crossings == []
