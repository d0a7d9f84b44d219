"""Finding each app's hook module: a missing module is skipped, a broken one is never hidden."""

import sys

import pytest

from bosam.core.app_hooks import app_module, app_modules

pytestmark = pytest.mark.nodb


def test_an_app_without_the_hook_module_is_skipped():
    assert app_module("bosam.core", "no_such_hook_module") is None


def test_a_hook_module_that_fails_to_import_raises_instead_of_hiding_its_entries(
    tmp_path, monkeypatch
):
    # given an app whose nav.py imports something that does not exist
    package = tmp_path / "brokenapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "nav.py").write_text("import module_that_is_not_installed_anywhere\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "brokenapp", raising=False)
    # then the error reaches the caller
    with pytest.raises(ModuleNotFoundError, match="module_that_is_not_installed_anywhere"):
        app_module("brokenapp", "nav")


def test_hook_modules_come_lowest_layer_first_or_highest_first_on_request():
    lowest_first = [m.__name__ for m in app_modules("nav")]
    highest_first = [m.__name__ for m in app_modules("nav", highest_layer_first=True)]
    assert lowest_first
    assert highest_first == list(reversed(lowest_first))
