"""Where every kind of page lives: the one place that turns things into site paths."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgeBand:
    key: str  # also the URL slug, e.g. '0-4'
    min: int
    max: int

    @property
    def title(self) -> str:
        return f"Ages {self.min} to {self.max}"

    def overlaps(self, low: int, high: int) -> bool:
        return low <= self.max and high >= self.min


AGE_BANDS = (AgeBand("0-4", 0, 4), AgeBand("5-10", 5, 10), AgeBand("11-15", 11, 15),
             AgeBand("16-25", 16, 25))

HOME = "/"
A_TO_Z = "/a-z/"
SEARCH = "/search/"
FEEDBACK = "/feedback/"
ACCESSIBILITY = "/accessibility/"
EASY_READ = "/easy-read/"
YOU_SAID_WE_DID = "/you-said-we-did/"
COVERS = "/covers/"
MY_LIST = "/my-list/"
OFFLINE = "/offline/"
SERVICE_WORKER = "/sw.js"  # at the site's root, so that it may look after every page under it
SITEMAP = "/sitemap.xml"
NOT_FOUND = "/404.html"

CHANGES = "/changes/"
CHANGES_FEED = "/changes.xml"

# Paths the engine makes itself, so a content page may not take them: these exactly...
GENERATED = (HOME, A_TO_Z, SEARCH, FEEDBACK, ACCESSIBILITY, EASY_READ, YOU_SAID_WE_DID, COVERS, MY_LIST, OFFLINE,
             CHANGES)
# ...and everything under these.
GENERATED_FOLDERS = ("/services/", "/themes/", "/ages/", "/areas/", "/print/", "/api/", "/assets/", "/pagefind/")


def service(service_id: str) -> str:
    return f"/services/{service_id}/"


def service_easy_read(service_id: str) -> str:
    return f"/services/{service_id}/easy-read/"


def theme(key: str) -> str:
    return f"/themes/{key}/"


def booklet(key: str) -> str:
    """A topic's printable booklet: every service in it with its key facts and contacts."""
    return f"/print/{key}/"


def area(key: str) -> str:
    """Services that serve one of the council's localities, for families without JavaScript."""
    return f"/areas/{key}/"


def age_band(band: AgeBand) -> str:
    return f"/ages/{band.key}/"


def theme_age(key: str, band: AgeBand) -> str:
    """One topic narrowed to one age band: two clicks from the home page, no search needed."""
    return f"/themes/{key}/ages/{band.key}/"


LIST_PAGE_SIZE = 100  # services per list page: lists stay light and quick on a phone
BOOKLET_PAGE_SIZE = 20  # services per part of a booklet: each part still loads in one round trip
A_TO_Z_ONE_PAGE = 400  # up to this many services, A to Z is one page; beyond, a page per letter


def paged(path: str, number: int) -> str:
    """Page `number` of the list at `path`: /themes/health/, /themes/health/page-2/, ..."""
    return path if number == 1 else f"{path}page-{number}/"


def letter(key: str) -> str:
    return f"{A_TO_Z}{key.lower() if key.isalpha() else 'other'}/"


def output_file(path: str) -> str:
    """The file a site path is written to, relative to the output folder."""
    rel = path.lstrip("/")
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def fixed_paths() -> set[str]:
    """Site paths that exist on every site, whatever its content."""
    return {HOME, A_TO_Z, SEARCH, FEEDBACK, ACCESSIBILITY, EASY_READ, YOU_SAID_WE_DID, COVERS, SITEMAP,
            NOT_FOUND, MY_LIST, OFFLINE, SERVICE_WORKER, CHANGES, CHANGES_FEED, "/api/index.json",
            "/api/services.csv", *(age_band(b) for b in AGE_BANDS)}
