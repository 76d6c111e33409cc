"""Curated places GeoNames' cities500 lacks: border crossings, camps, small villages.

Shared by ner (names for its entity ruler) and geocode (the gazetteer). The shipped file is
`crossings.csv` beside this module; users add their own CSVs in the same format
(`Settings.extra_places`). Columns:

    id,name,aliases,kind,lat,lon,countries,admin1,source

`aliases` and `countries` are `|`-separated; countries are ISO 3166-1 alpha-3 and the first one is
the side the coordinates lie on; `admin1` is the GeoNames admin1 code of that side (e.g. SY.09),
may be empty; `source` cites where the coordinates were checked, because a curated row that
nobody can verify is worse than no row.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

BUILTIN_CSV = Path(__file__).with_name("crossings.csv")
COLUMNS = ("id", "name", "aliases", "kind", "lat", "lon", "countries", "admin1", "source")
# Kinds a curated row may have; city is for towns cities500 misses, not for duplicating it.
KINDS = frozenset({"crossing", "camp", "village", "city", "region", "border"})
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_ADMIN1 = re.compile(r"^[A-Z]{2}\.[0-9A-Z]{1,3}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    lat: float
    lon: float
    countries: tuple[str, ...]
    admin1: str | None
    source: str

    @property
    def country(self) -> str:
        return self.countries[0]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class PlacesFileError(ValueError):
    """A curated-places CSV that does not follow the format; the message names file and line."""


def load_places_csv(path: str | Path) -> list[CuratedPlace]:
    """Read and validate one curated-places CSV; raises PlacesFileError on the first bad row."""
    path = Path(path)
    rows: list[CuratedPlace] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PlacesFileError(f"{path}: missing column(s) {', '.join(missing)}")
        for line, record in enumerate(reader, start=2):
            if not any((v or "").strip() for v in record.values()):
                continue
            place = _parse_row(record, f"{path}:{line}")
            if place.id in seen:
                raise PlacesFileError(f"{path}:{line}: duplicate id {place.id!r}")
            seen.add(place.id)
            rows.append(place)
    return rows


def load_places(paths: list[str | Path] | tuple[str | Path, ...] = ()) -> list[CuratedPlace]:
    """The shipped rows followed by each extra file's rows; a later row with a known id replaces it."""
    by_id: dict[str, CuratedPlace] = {}
    for path in (BUILTIN_CSV, *paths):
        for place in load_places_csv(path):
            by_id[place.id] = place
    return list(by_id.values())


def _parse_row(record: dict[str, str], where: str) -> CuratedPlace:
    def field(name: str) -> str:
        return (record.get(name) or "").strip()

    ident, name, kind = field("id"), field("name"), field("kind")
    if not _ID.match(ident):
        raise PlacesFileError(f"{where}: id {ident!r} must be lower-case letters, digits, '.', '_' or '-'")
    if not name:
        raise PlacesFileError(f"{where}: empty name")
    if kind not in KINDS:
        raise PlacesFileError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    try:
        lat, lon = float(field("lat")), float(field("lon"))
    except ValueError:
        raise PlacesFileError(f"{where}: lat/lon must be decimal degrees") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise PlacesFileError(f"{where}: lat/lon out of range")
    countries = tuple(c.strip().upper() for c in field("countries").split("|") if c.strip())
    if not countries or not all(_ALPHA3.match(c) for c in countries):
        raise PlacesFileError(f"{where}: countries must be ISO 3166-1 alpha-3 codes separated by '|'")
    admin1 = field("admin1") or None
    if admin1 is not None and not _ADMIN1.match(admin1):
        raise PlacesFileError(f"{where}: admin1 {admin1!r} is not a GeoNames admin1 code like 'SY.09'")
    source = field("source")
    if not source:
        raise PlacesFileError(f"{where}: every row needs a source for its coordinates")
    aliases = tuple(dict.fromkeys(a.strip() for a in field("aliases").split("|") if a.strip() and a.strip() != name))
    return CuratedPlace(ident, name, aliases, kind, lat, lon, countries, admin1, source)


ADMIN1_ALIASES_CSV = Path(__file__).with_name("admin1_aliases.csv")


def load_admin1_aliases(path: str | Path = ADMIN1_ALIASES_CSV) -> list[tuple[str, str]]:
    """(alias, GeoNames admin1 code) pairs: the spellings humanitarian agencies use for provinces
    that GeoNames spells otherwise ("Ninewa" for Nineveh, IQ.15). Every row names its source."""
    path = Path(path)
    pairs: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["alias", "admin1", "source"]:
            raise PlacesFileError(f"{path}:1: columns must be alias,admin1,source")
        for line, row in enumerate(reader, start=2):
            alias, code, source = ((row.get(column) or "").strip() for column in ("alias", "admin1", "source"))
            if not alias or not _ADMIN1.match(code) or not source:
                raise PlacesFileError(f"{path}:{line}: needs an alias, an admin1 code like IQ.15 and a source")
            pairs.append((alias, code))
    return pairs

