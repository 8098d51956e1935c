"""Recertification rules per credential, loaded and validated from ``data/credentials.yml``.

Each number keeps where it came from (source URL, date checked) and whether the certifying body
confirmed it, so the planner can say which figures it relies on without confirmation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from crawler.items import AAMA_CATEGORIES, CREDIT_UNITS
from crawler.paths import CREDENTIALS as DEFAULT_PATH

_NUMBER_KEYS = {"value", "source", "checked", "confirmed", "note"}
_CREDENTIAL_KEYS = {
    "name",
    "body",
    "unit",
    "native_unit",
    "native_points_field",
    "unit_contact_hours",
    "cycle_months",
    "total",
    "category_minimums",
    "approved",
}
_APPROVED_KEYS = {
    "label",
    "minimum",
    "others_cap",
    "others_min_contact_hours",
    "others_need_formal_credit",
}
_TOP_KEYS = {"sources", "contact_hours_per_unit", "shared", "credentials"}


class CredentialsError(ValueError):
    """The rules file is malformed; the message names the file and the offending key."""


@dataclass(frozen=True)
class Number:
    value: float
    source_url: str
    checked: dt.date | None
    confirmed: bool
    note: str | None = None


@dataclass(frozen=True)
class ApprovalRule:
    label: str
    minimum: Number
    others_cap: Number
    others_min_contact_hours: Number | None
    others_need_formal_credit: bool


@dataclass(frozen=True)
class Credential:
    key: str
    name: str
    body: str
    unit: str
    native_unit: str | None
    native_points_field: str | None
    unit_contact_hours: Number
    cycle_months: Number
    total: Number
    category_minimums: dict[str, Number]
    approved: ApprovalRule | None

    def numbers(self) -> dict[str, Number]:
        """Every rule number by a readable name (for listing the unconfirmed ones)."""
        found = {
            "unit_contact_hours": self.unit_contact_hours,
            "cycle_months": self.cycle_months,
            "total": self.total,
        }
        found.update({f"{c} minimum": n for c, n in self.category_minimums.items()})
        if self.approved:
            found[f"{self.approved.label} minimum"] = self.approved.minimum
            found["other sources cap"] = self.approved.others_cap
            if self.approved.others_min_contact_hours:
                found["other sources minimum hours"] = self.approved.others_min_contact_hours
        return found

    def unconfirmed(self) -> list[str]:
        return [
            f"{name} = {n.value:g} ({n.note})"
            for name, n in self.numbers().items()
            if not n.confirmed
        ]


@dataclass(frozen=True)
class Rulebook:
    credentials: dict[str, Credential]
    contact_hours_per_unit: dict[str, Number]

    def get(self, key: str) -> Credential:
        try:
            return self.credentials[key.lower()]
        except KeyError:
            known = ", ".join(sorted(self.credentials))
            raise CredentialsError(f"unknown credential {key!r}; known: {known}") from None


class _Reader:
    def __init__(self, path: Path, sources: dict[str, str]):
        self.path = path
        self.sources = sources

    def fail(self, where: str, problem: str) -> CredentialsError:
        return CredentialsError(f"{self.path}: {where}: {problem}")

    def mapping(self, raw: Any, where: str, allowed: set[str], required: set[str]) -> dict:
        if not isinstance(raw, dict):
            raise self.fail(where, f"expected a mapping, got {type(raw).__name__}")
        unknown = set(raw) - allowed
        if unknown:
            raise self.fail(where, f"unknown key(s) {sorted(unknown)}; allowed {sorted(allowed)}")
        missing = required - set(raw)
        if missing:
            raise self.fail(where, f"missing key(s) {sorted(missing)}")
        return raw

    def text(self, raw: Any, where: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(where, "expected non-empty text")
        return raw.strip()

    def number(self, raw: Any, where: str) -> Number:
        raw = self.mapping(raw, where, _NUMBER_KEYS, {"value", "source"})
        value = raw["value"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(where, f"value {value!r} is not a non-negative number")
        source = raw["source"]
        if source not in self.sources:
            raise self.fail(where, f"source {source!r} is not a key of `sources`")
        confirmed = raw.get("confirmed", True)
        if not isinstance(confirmed, bool):
            raise self.fail(where, "confirmed must be true or false")
        checked = raw.get("checked")
        if isinstance(checked, str):
            try:
                checked = dt.date.fromisoformat(checked)
            except ValueError:
                raise self.fail(where, f"checked {checked!r} is not YYYY-MM-DD") from None
        if checked is not None and not isinstance(checked, dt.date):
            raise self.fail(where, f"checked {checked!r} is not YYYY-MM-DD")
        if confirmed and checked is None:
            raise self.fail(where, "a confirmed number needs the date it was checked")
        note = raw.get("note")
        if not confirmed and not note:
            raise self.fail(where, "an unconfirmed number needs a note saying why")
        return Number(float(value), self.sources[source], checked, confirmed, note)

    def unit_name(self, raw: Any, where: str) -> str:
        if raw not in CREDIT_UNITS:
            raise self.fail(where, f"{raw!r} is not a credit unit of crawler.items.CREDIT_UNITS")
        return raw

    def approval(self, raw: Any, where: str) -> ApprovalRule:
        raw = self.mapping(raw, where, _APPROVED_KEYS, {"label", "minimum", "others_cap"})
        hours = raw.get("others_min_contact_hours")
        formal = raw.get("others_need_formal_credit", False)
        if not isinstance(formal, bool):
            raise self.fail(f"{where}.others_need_formal_credit", "must be true or false")
        return ApprovalRule(
            label=self.text(raw["label"], f"{where}.label"),
            minimum=self.number(raw["minimum"], f"{where}.minimum"),
            others_cap=self.number(raw["others_cap"], f"{where}.others_cap"),
            others_min_contact_hours=(
                self.number(hours, f"{where}.others_min_contact_hours") if hours else None
            ),
            others_need_formal_credit=formal,
        )

    def credential(self, key: str, raw: Any) -> Credential:
        where = f"credentials.{key}"
        required = {"name", "body", "unit", "unit_contact_hours", "cycle_months", "total"}
        raw = self.mapping(raw, where, _CREDENTIAL_KEYS, required)
        minimums_raw = raw.get("category_minimums") or {}
        if not isinstance(minimums_raw, dict):
            raise self.fail(f"{where}.category_minimums", "expected a mapping")
        minimums = {}
        for category, number in minimums_raw.items():
            if category not in AAMA_CATEGORIES:
                raise self.fail(
                    f"{where}.category_minimums", f"{category!r} not in {AAMA_CATEGORIES}"
                )
            minimums[category] = self.number(number, f"{where}.category_minimums.{category}")
        native = raw.get("native_unit")
        credential = Credential(
            key=key,
            name=self.text(raw["name"], f"{where}.name"),
            body=self.text(raw["body"], f"{where}.body"),
            unit=self.text(raw["unit"], f"{where}.unit"),
            native_unit=self.unit_name(native, f"{where}.native_unit") if native else None,
            native_points_field=raw.get("native_points_field"),
            unit_contact_hours=self.number(
                raw["unit_contact_hours"], f"{where}.unit_contact_hours"
            ),
            cycle_months=self.number(raw["cycle_months"], f"{where}.cycle_months"),
            total=self.number(raw["total"], f"{where}.total"),
            category_minimums=minimums,
            approved=self.approval(raw["approved"], f"{where}.approved")
            if "approved" in raw
            else None,
        )
        if credential.unit_contact_hours.value <= 0:
            raise self.fail(f"{where}.unit_contact_hours", "must be more than 0")
        if sum(n.value for n in minimums.values()) > credential.total.value:
            raise self.fail(where, "category minimums add up to more than the total")
        if credential.approved and credential.approved.minimum.value > credential.total.value:
            raise self.fail(f"{where}.approved.minimum", "is more than the total")
        return credential


def load_credentials(path: Path | str = DEFAULT_PATH) -> Rulebook:
    """Read and validate the rules file; raise CredentialsError naming the bad key."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CredentialsError(f"{path}: cannot read rules: {exc}") from exc
    bootstrap = _Reader(path, {})
    raw = bootstrap.mapping(raw, "top level", _TOP_KEYS, {"sources", "credentials"})
    sources = {}
    for key, source in bootstrap.mapping(
        raw["sources"], "sources", set(raw["sources"]), set()
    ).items():
        source = bootstrap.mapping(source, f"sources.{key}", {"url", "title"}, {"url"})
        url = bootstrap.text(source["url"], f"sources.{key}.url")
        if not url.startswith("https://"):
            raise bootstrap.fail(f"sources.{key}.url", "must be an https:// address")
        sources[key] = url
    reader = _Reader(path, sources)
    conversions_raw = raw.get("contact_hours_per_unit") or {}
    conversions = {
        reader.unit_name(unit, f"contact_hours_per_unit.{unit}"): reader.number(
            number, f"contact_hours_per_unit.{unit}"
        )
        for unit, number in conversions_raw.items()
    }
    credentials_raw = reader.mapping(
        raw["credentials"], "credentials", set(raw["credentials"]), set()
    )
    credentials = {key: reader.credential(key, value) for key, value in credentials_raw.items()}
    if not credentials:
        raise reader.fail("credentials", "no credential defined")
    return Rulebook(credentials=credentials, contact_hours_per_unit=conversions)
