"""`python -m eventwire` runs the command line."""

from eventwire.cli.main import app

if __name__ == "__main__":  # worker processes import this module as __mp_main__
    app(prog_name="eventwire")
