"""The layers of the project, as the README draws them: tracking/ builds on resolutions/,
never the reverse, and reads never send work to a queue."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def application_modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" not in path.relative_to(ROOT / app).parts:
            yield path


def test_resolutions_never_imports_tracking():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] == "tracking"
        )
        for path in application_modules("resolutions")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_resolutions_tests_never_import_tracking_either():
    # What the apps' tests share (a Celery worker process, the accessibility check) is in
    # config/testing, so that resolutions/ can be read, run and tested without tracking/.
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] == "tracking"
        )
        for path in sorted((ROOT / "resolutions" / "tests").rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_resolution_templates_never_name_tracking_templates_or_urls():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates" / "resolutions").rglob("*.html"))
        if "tracking" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
