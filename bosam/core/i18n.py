"""gettext for the pure rules modules.

A rules module may not import Django (the import-linter contract keeps rules free of models and
the database), yet its messages reach users and must follow the user's language. Rules import
the translation functions from here; ``makemessages`` still finds the strings, because it keys
on the call's name (``_``, ``gettext_lazy``), not on where the function came from."""

from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext

__all__ = ["gettext", "gettext_lazy", "gettext_noop", "ngettext"]
