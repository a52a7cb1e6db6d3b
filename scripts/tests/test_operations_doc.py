"""docs/operations.md documents every setting the app reads and every script it names."""

import re

from scripts.processes import ROOT
from tests.test_compose import READ_BY_OTHERS, settings_read

DOC = (ROOT / "docs" / "operations.md").read_text()


def test_every_setting_is_in_the_configuration_table():
    table = set(re.findall(r"^\| `([A-Z0-9_]+)`", DOC, flags=re.MULTILINE))
    table |= set(re.findall(r" / `([A-Z0-9_]+)`", DOC))

    assert (settings_read() | set(READ_BY_OTHERS)) - table == set()


def test_the_scripts_and_files_the_doc_names_exist():
    named = set(re.findall(r"`((?:scripts|deploy|\.github/workflows)/[\w./-]+)`", DOC))

    assert named, "the doc names no files"
    assert [path for path in sorted(named) if not (ROOT / path).exists() and path != "deploy/compose.analytics.yml"] == []
