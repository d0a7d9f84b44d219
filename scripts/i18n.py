"""Regenerate, compile and check Bosam's English catalogues.

Each app under ``bosam/`` keeps its own catalogue in ``bosam/<app>/locale/en/LC_MESSAGES/``
(Django finds an installed app's ``locale/`` directory by itself), so helpers working on
different apps never edit the same ``.po`` file. Strings outside the apps (``config/``) live in
the project's ``locale/``. The compiled ``.mo`` files are committed: a fresh machine without GNU
gettext still shows English.

    ./dev i18n            regenerate every catalogue, compile, report what is untranslated
    ./dev i18n --check    only compile and report; exit 1 if anything is untranslated or fuzzy
    ./dev i18n --unwrapped  list Swedish text in Python code outside gettext (still Swedish in
                          the English UI if users see it; audit reasons and logs may stay)

Regenerating needs GNU gettext (``apt-get install gettext``).
"""

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
LANGUAGE = "en"
# Locations without line numbers: a line moving in a view must not change every catalogue, and
# two branches adding strings to the same app then conflict far less often.
MAKEMESSAGES = ["makemessages", "-l", LANGUAGE, "--no-obsolete", "--add-location=file"]
APP_IGNORES = ["-i", "tests", "-i", "migrations", "-i", "vendor"]
PROJECT_IGNORES = [
    *("-i", "bosam", "-i", "bench", "-i", "tests", "-i", "scripts"),
    *("-i", "var", "-i", "staticfiles", "-i", "node_modules"),
]
JS_GETTEXT = re.compile(r"\b(n?gettext|pgettext|interpolate)\(")
STATISTICS = re.compile(r"(\d+) (translated|fuzzy|untranslated)")
IGNORES = ["-i", ".*", "-i", "node_modules"]
POT_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)


def app_dirs() -> list[Path]:
    """Every Django app under bosam/ (a directory with apps.py), new ones included."""
    return sorted(path.parent for path in ROOT.glob("bosam/*/apps.py"))


def catalogue_dirs() -> list[Path]:
    """The directories whose locale/ holds a catalogue: the project, then each app."""
    return [ROOT, *app_dirs()]


def has_js_strings(directory: Path) -> bool:
    return any(
        JS_GETTEXT.search(path.read_text(encoding="utf-8", errors="replace"))
        for path in directory.rglob("*.js")
        if "vendor" not in path.parts and ".min." not in path.name
    )


def run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "DEBUG": "true"}
    subprocess.run(args, cwd=cwd, env=env, check=True)


def without_pot_date(text: str) -> str:
    return POT_DATE.sub("", text)


def regenerate(directory: Path) -> None:
    """makemessages from inside the directory, so only its own strings land in its catalogue.

    makemessages stamps a new POT-Creation-Date on every run; when nothing else changed the old
    file is put back, so regenerating leaves no diff to commit or to conflict on."""
    (directory / "locale" / LANGUAGE / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    ignores = PROJECT_IGNORES if directory == ROOT else APP_IGNORES
    domains = ["django", "djangojs"] if has_js_strings(directory) else ["django"]
    for domain in domains:
        po = directory / "locale" / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
        before = po.read_text(encoding="utf-8") if po.exists() else None
        run([*MANAGE, *MAKEMESSAGES, "-v0", "-d", domain, *ignores], cwd=directory)
        if before is not None and without_pot_date(before) == without_pot_date(
            po.read_text(encoding="utf-8")
        ):
            po.write_text(before, encoding="utf-8")


def compile_all() -> None:
    # From inside each directory, like makemessages: compilemessages run at the top would also
    # walk into .venv and recompile the installed packages' catalogues.
    for directory in catalogue_dirs():
        run([*MANAGE, "compilemessages", "-v0", "-l", LANGUAGE, *IGNORES], cwd=directory)


def report() -> int:
    """Print translated/fuzzy/untranslated per catalogue; return how many need work."""
    missing = 0
    for po in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")) + sorted(
        ROOT.glob("bosam/*/locale/*/LC_MESSAGES/*.po")
    ):
        result = subprocess.run(
            ["msgfmt", "--statistics", "-o", os.devnull, str(po)],
            capture_output=True,
            text=True,
            check=True,
        )
        counts = {kind: int(n) for n, kind in STATISTICS.findall(result.stderr)}
        todo = counts.get("fuzzy", 0) + counts.get("untranslated", 0)
        missing += todo
        sys.stdout.write(
            f"{po.relative_to(ROOT)}: {counts.get('translated', 0)} translated, "
            f"{counts.get('fuzzy', 0)} fuzzy, {counts.get('untranslated', 0)} untranslated\n"
        )
    sys.stdout.write(
        f"{missing} entries to translate\n" if missing else "Every catalogue is complete.\n"
    )
    return missing


GETTEXT_CALLS = {
    *("_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"),
    *("pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"),
}
SWEDISH = re.compile(r"[åäöÅÄÖ]")
# Swedish that never reaches the UI, so stays as it is: demo and test seed data (whole files),
# operators' management commands (Swedish CLI output), and literals marked "# i18n: not UI" on
# their line or on the first line of their statement: column names matched in landlords' files,
# regexes, text stored in a record or the audit log (it must read the same whatever language the
# writer had).
NOT_UI_FILES = re.compile(r"^(demo|demo_.*|testing)\.py$")
NOT_UI_MARK = "# i18n: not UI"


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            return node.func.attr
    return ""


def unwrapped() -> int:
    """Print Swedish string literals in bosam/ that no gettext call wraps; return how many."""
    found = 0
    for path in sorted(ROOT.glob("bosam/**/*.py")):
        if {"tests", "migrations", "management"} & set(path.parts) or NOT_UI_FILES.match(path.name):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in docstrings or not SWEDISH.search(node.value):
                continue
            parent = parents.get(node)
            while isinstance(parent, ast.JoinedStr | ast.BinOp | ast.FormattedValue):
                parent = parents.get(parent)
            if _call_name(parent) in GETTEXT_CALLS if parent else False:
                continue
            statement = parent
            while statement is not None and not isinstance(statement, ast.stmt):
                statement = parents.get(statement)
            span = lines[node.lineno - 1 : (node.end_lineno or node.lineno)]
            if statement is not None:
                span.append(lines[statement.lineno - 1])
            if any(NOT_UI_MARK in line for line in span):
                continue
            found += 1
            sys.stdout.write(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:70]!r}\n")
    sys.stdout.write(f"{found} Swedish literals outside gettext\n")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not regenerate")
    parser.add_argument("--unwrapped", action="store_true", help="list text outside gettext")
    args = parser.parse_args()
    if args.unwrapped:
        return 1 if unwrapped() else 0
    if not args.check:
        for directory in catalogue_dirs():
            regenerate(directory)
    compile_all()
    return 1 if report() else 0


if __name__ == "__main__":
    sys.exit(main())
