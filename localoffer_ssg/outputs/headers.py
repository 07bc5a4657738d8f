"""_headers: the security headers for hosts that read that file (Netlify, Cloudflare Pages). The
pages carry the same policy in a <meta> tag; a header adds what a tag cannot (frame-ancestors)."""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

from ..config import Config
from ..render import Output, Renderer
from .base import Generator

PATH = "/_headers"


def form_origin(config: Config) -> str:
    parts = urlsplit(config.form_action)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("https", "http") and parts.netloc else ""


def policy(config: Config, search: bool = True, header: bool = False) -> str:
    """The Content-Security-Policy. Pagefind compiles WebAssembly, which needs 'wasm-unsafe-eval'
    (it allows no JavaScript eval); frame-ancestors works only as a header."""
    origin = form_origin(config)
    parts = ["default-src 'self'", "script-src 'self'" + (" 'wasm-unsafe-eval'" if search else ""),
             "style-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'",
             "form-action 'self'" + (f" {origin}" if origin else "")]
    if header:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


def headers(config: Config) -> dict[str, str]:
    """Every header a page of the site should be served with (the README gives them for nginx and Apache)."""
    return {
        "Content-Security-Policy": policy(config, header=True),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "X-Frame-Options": "DENY",  # for browsers too old for frame-ancestors
        "Cross-Origin-Opener-Policy": "same-origin",
    }


class Headers(Generator):
    name = "headers"

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        config = r.site.config
        lines = ["/*"] + [f"  {name}: {value}" for name, value in headers(config).items()]  # the whole deployment
        yield Output(PATH, ("\n".join(lines) + "\n").encode("utf-8"))
