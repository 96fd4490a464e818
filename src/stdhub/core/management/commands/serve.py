"""``stdhub serve``: initialise, then serve with gunicorn and a background-task worker."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Run `stdhub init`, collect static files into the data folder, start a "
            "background-task worker and serve stdhub with gunicorn.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("STDHUB_BIND", "127.0.0.1:8000"),
                            help="address:port to listen on (default %(default)s, env STDHUB_BIND)")
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("STDHUB_WEB_WORKERS", "2")),
                            help="gunicorn worker processes (default %(default)s)")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background-task worker and scheduler")

    def handle(self, *args, bind, workers, no_worker, **options):
        call_command("init", verbosity=options["verbosity"])
        call_command("collectstatic", interactive=False, verbosity=0)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stdhub.settings",
               "STDHUB_DATA_DIR": str(settings.DATA_DIR)}
        worker = None
        if not no_worker:
            worker = subprocess.Popen([sys.executable, "-m", "stdhub", "db_worker"], env=env)
        # The scheduler (closing comment periods, overdue notices, the daily digest): no cron.
        clock = None if no_worker else subprocess.Popen(
            [sys.executable, "-m", "stdhub", "clock"], env=env)
        self.stdout.write(f"stdhub is serving on http://{bind}/ (data in {settings.DATA_DIR})")
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "stdhub.wsgi:application", "--bind", bind,
             "--workers", str(workers), "--access-logfile", "-"], env=env)

        def stop(signum, frame):
            web.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            code = web.wait()
        finally:
            if worker:
                worker.terminate()
                worker.wait(timeout=10)
            if clock:
                clock.terminate()
                clock.wait(timeout=10)
        sys.exit(code)
