"""Interchange formats generated from the model: JSON Schema and JSON-LD.

Both are derived from the attrs classes, their validators and their field
metadata, so they cannot drift from what the library loads and writes.
"""

from .jsonld import jsonld_context, to_jsonld
from .jsonschema import json_schema

__all__ = ["json_schema", "jsonld_context", "to_jsonld"]
