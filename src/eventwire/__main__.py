"""`python -m eventwire` runs the command line."""

from eventwire.cli.main import app

app(prog_name="eventwire")
