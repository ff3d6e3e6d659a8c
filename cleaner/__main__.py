"""`python -m cleaner`: the same command as the `cleaner` console script."""

from .cli import app

app(prog_name="cleaner")
