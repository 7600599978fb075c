"""The docs are checked: every schema field and every CLI option must be documented."""

import json
import re
from pathlib import Path

import click

from factwire.cli import cli
from factwire.models import json_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_schema_docs_are_up_to_date():
    assert json.loads((DOCS / "schema.json").read_text()) == json_schema(), (
        "run: python scripts/gen_schema_doc.py"
    )
    text = (DOCS / "schema.md").read_text()
    for name, model in {"Analysis": json_schema(), **json_schema()["$defs"]}.items():
        if "properties" in model:
            assert f"## {name}" in text
            for field in model["properties"]:
                assert f"| `{field}` |" in text, f"{name}.{field} is not in docs/schema.md"


def test_every_cli_command_and_option_is_documented():
    text = (DOCS / "cli.md").read_text()
    for name, command in cli.commands.items():
        assert f"## `factwire {name}" in text, f"command {name} is not in docs/cli.md"
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and opt != "--help":
                        assert opt in text, f"{name} {opt} is not in docs/cli.md"


def test_readme_opens_with_the_two_commands():
    readme = (DOCS.parent / "README.md").read_text()
    commands = re.findall(r"^make \w+", readme.split("```", 2)[1], re.MULTILINE)
    assert commands == ["make demo", "make test"]
