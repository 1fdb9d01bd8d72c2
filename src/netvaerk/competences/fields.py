"""A set of ids kept on a row, so that a search can test it without a join.

On PostgreSQL a `bigint[]` (with a GIN index where one is wanted); on SQLite, which has no
arrays, a text of the ids between commas (",3,17,") so that one id is found with `instr`.
Python sees a sorted list of distinct ints either way.

Lookups: `field__has=id` (the set holds the id) and `field__overlaps=[ids]` (the set holds at
least one of them; an empty list matches nothing)."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Lookup
from django.db.models.sql.compiler import SQLCompiler


def _ids(value: Iterable[Any]) -> list[int]:
    return sorted({int(item) for item in value})


def sqlite_text(ids: Iterable[int]) -> str:
    """The SQLite form of a set of ids: ",3,17," (empty: "")."""
    ordered = _ids(ids)
    return f",{','.join(map(str, ordered))}," if ordered else ""


class IdSetField(models.Field):
    description = "A set of integer ids"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def db_type(self, connection: BaseDatabaseWrapper) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        return self.to_python(value)

    def to_python(self, value: Any) -> list[int]:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return _ids(part for part in value.split(",") if part)
        return _ids(value)

    def get_db_prep_value(
        self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False
    ) -> Any:
        ids = self.to_python(value)
        return ids if connection.vendor == "postgresql" else sqlite_text(ids)


class _IdsLookup(Lookup):
    # The right-hand side is a Python id or list, written into parameters here: the field's
    # own conversion would turn it into the column's form.
    prepare_rhs = False
    can_use_none_as_rhs = False

    def process_rhs(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        return "", []

    def wanted(self) -> list[int]:
        raise NotImplementedError

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = self.wanted()
        if not ids:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            return f"{lhs} && %s::bigint[]", [*lhs_params, ids]
        tests = " OR ".join(f"instr({lhs}, %s) > 0" for _ in ids)
        params: list[Any] = []
        for pk in ids:
            params.extend([*lhs_params, f",{pk},"])
        return f"({tests})", params


@IdSetField.register_lookup
class Has(_IdsLookup):
    lookup_name = "has"

    def wanted(self) -> list[int]:
        return [int(self.rhs)]


@IdSetField.register_lookup
class Overlaps(_IdsLookup):
    lookup_name = "overlaps"

    def wanted(self) -> list[int]:
        return _ids(self.rhs)
