"""localoffer-ssg: build a council's SEND Local Offer as a static site."""

__version__ = "0.1.0"
