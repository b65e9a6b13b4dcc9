"""``booklet serve``: the local web page (booklet.web) on uvicorn."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import click

from booklet.cli.options import content_option


@click.command()
@content_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but the loopback address needs a token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--watch", is_flag=True, help="Re-render the open career's preview when a profile, template or CSS "
                                            "file changes.")
@click.option("--token", envvar="BOOKLET_TOKEN", default=None, show_envvar=True,
              help="Access token every page asks for; required with a --host other than 127.0.0.1.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=Path("output/.web-cache"),
              show_default=True, help="Folder for built PDFs and page images.")
@click.option("--cache-size", type=click.IntRange(min=16), default=512, show_default=True,
              help="Megabytes the cache folder may hold; the least recently used files go first.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="number of cores", help="Worker processes for builds.")
@click.option("--queue", type=click.IntRange(min=1), default=32, show_default=True,
              help="PDFs that may wait or render at once; more are refused with 503 until there is room.")
def serve(content: Path, host: str, port: int, watch: bool, token: str | None, cache: Path, cache_size: int,
          workers: int, queue: int) -> None:
    """Serve the catalog, previews and builds as a web page on http://HOST:PORT/.

    Builds run on warm worker processes, as `booklet build -j` does, and are
    cached by the digest of their inputs. Stop with Ctrl-C.
    """
    import uvicorn

    from booklet.web.app import Settings, create_app

    settings = Settings(content=content, host=host, port=port, watch=watch, token=token or None, cache=cache,
                        cache_bytes=cache_size * 1024 * 1024, workers=workers, queue=queue)
    if not settings.local:
        click.echo(f"warning: listening on {host}, not only on this computer: anyone who can reach it and has "
                   "the token can read the catalog and run builds. Use a trusted network.", err=True)
        if settings.token is None:
            raise click.UsageError(f"--host {host} needs an access token: --token TOKEN or the BOOKLET_TOKEN "
                                   f"environment variable (for example --token {secrets.token_urlsafe(18)})")
        if len(settings.token) < 12:
            raise click.UsageError("the access token is too short: use at least 12 characters")
    app = create_app(settings)
    shown = "localhost" if host in ("127.0.0.1", "localhost") else host
    address = f"http://{shown if ':' not in shown else f'[{shown}]'}:{port}/"
    click.echo(f"Serving {content} on {address}{f'?token={settings.token}' if settings.token else ''}"
               f"{' (watching for edits)' if watch else ''}; Ctrl-C stops.")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
