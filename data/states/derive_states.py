#!/usr/bin/env python3
"""Derive data/states/states.tsv from the OCHA Countries & Territories Taxonomy.

The taxonomy ships inside the PyPI package hdx-python-country. The year each Member State was
admitted to the United Nations comes from the country table of the PyPI package
country_converter (column "UNmember"; version 1.3.2 was used). Run:

    pip download --no-deps -d /tmp/hdx hdx-python-country
    pip download --no-deps -d /tmp/cc country_converter==1.3.2
    python3 data/states/derive_states.py /tmp/hdx/hdx_python_country-*.whl \
        /tmp/cc/country_converter-*.whl > data/states/states.tsv

Rows kept: the 193 Member States ("Appears in DGACM list" = Y, the list the UN's
Department for General Assembly and Conference Management uses) and the two non-member
observer States (Holy See, State of Palestine), which the General Assembly's texts also name.
Labels are the UN short names in the six official languages; the M49 names and the DGACM and
ISO alternative terms are kept as extra spellings for the name resolver. Historical names that
the sources use live apart, in aliases.tsv, each with the document where it was seen.
"""
import csv
import io
import sys
import zipfile

CSV_NAME = "hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
OBSERVERS = {"VAT", "PSE"}
CC_NAME = "country_converter/country_data.tsv"
COLUMNS = ["iso3", "iso2", "m49", "un_member", "en", "fr", "es", "ru", "zh", "ar", "en_formal", "other_names",
           "un_admission_year"]


def rows(source):
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as wheel:
            text = wheel.read(CSV_NAME).decode("utf-8")
    else:
        with open(source, encoding="utf-8") as f:
            text = f.read()
    return csv.DictReader(io.StringIO(text))


def admission_years(source):
    """ISO3 -> year of admission to the UN, from country_converter's table."""
    with zipfile.ZipFile(source) as wheel:
        text = wheel.read(CC_NAME).decode("utf-8")
    years = {}
    for r in csv.DictReader(io.StringIO(text), delimiter="\t"):
        year = r["UNmember"].strip()
        if year:
            years[r["ISO3"].strip()] = str(int(float(year)))
    return years


def main(source, cc_source):
    years = admission_years(cc_source)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    out.writerow(COLUMNS)
    kept = []
    for r in rows(source):
        iso3 = r["ISO 3166-1 Alpha 3-Codes"].strip()
        member = r["Appears in DGACM list"].strip() == "Y"
        if not (member or iso3 in OBSERVERS):
            continue
        short = {lang: r[f"{name} Short"].strip() for lang, name in
                 [("en", "English"), ("fr", "French"), ("es", "Spanish"),
                  ("ru", "Russian"), ("zh", "Chinese"), ("ar", "Arabic")]}
        others = []
        for col in ["M49 English", "M49 French", "M49 Spanish", "M49 Russian", "M49 Chinese",
                    "M49 Arabic", "Preferred Term", "ISO Alt Term", "DGACM Alt Term"]:
            v = r[col].strip()
            if v and v not in short.values() and v not in others:
                others.append(v)
        for v in list(others) + list(short.values()):
            if "|" in v or "\t" in v:
                sys.exit(f"unexpected separator in name {v!r} of {iso3}")
        kept.append([iso3, r["ISO 3166-1 Alpha 2-Codes"].strip(), r["m49 numerical code"].strip(),
                     "true" if member else "false", short["en"], short["fr"], short["es"], short["ru"],
                     short["zh"], short["ar"], r["English Formal"].strip(), "|".join(others),
                     years.get(iso3, "") if member else ""])
    kept.sort(key=lambda row: row[0])
    members = sum(1 for row in kept if row[3] == "true")
    if members != 193:
        sys.exit(f"expected 193 Member States, found {members}")
    missing = [row[0] for row in kept if row[3] == "true" and not row[12]]
    if missing:
        sys.exit(f"no year of admission for {missing}")
    for row in kept:
        out.writerow(row)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
