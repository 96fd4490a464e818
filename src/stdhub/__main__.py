"""``stdhub``: Django's manage.py with stdhub's settings (``stdhub --help`` lists commands)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    from stdhub.core.files import private_umask

    private_umask()  # the database, uploads and reports it creates are stdhub's alone
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdhub.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["stdhub", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
