"""The profile model as a JSON Schema, for editors that autocomplete YAML.

Every shipped profile starts with ``# yaml-language-server: $schema=…``
pointing at the committed file, so VS Code (with the YAML extension) and
other editors validate and complete fields as an author types.  A test fails
when the committed file differs from what the model generates.
"""

from __future__ import annotations

import json

from booklet import paths
from booklet.content.model import Career

SCHEMA_FILE = paths.SCHEMA / "career.schema.json"  # the one shipped; `booklet schema` writes ./schema/


def career_schema() -> dict:
    schema = Career.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Career profile",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text() -> str:
    return json.dumps(career_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
