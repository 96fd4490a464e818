"""``stdhub clock [--once]``: run stdhub's scheduled jobs (started by ``stdhub serve``).

Every minute it runs the jobs whose period (this hour, today) no clock has run yet:
closing comment periods at their end date, overdue and 复审 notices, the daily digest.
Any number of clocks may run against one database; each period runs once.
"""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from stdhub.notifications import clock
from stdhub.notifications.choices import JobOutcome


class Command(BaseCommand):
    help = "Run stdhub's scheduled jobs every minute (or once with --once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the due jobs once and exit")
        parser.add_argument("--interval", type=float, default=None,
                            help="seconds between looks for due jobs (default 60)")

    def report(self, run):
        self.stdout.write(f"{run.job} {run.period}: {run.outcome} {run.summary}".rstrip())

    def handle(self, *args, once, interval, **options):
        if once:
            runs = clock.run_due()
            for run in runs:
                self.report(run)
            if not runs:
                self.stdout.write("nothing due")
            if failed := [r.job for r in runs if r.outcome == JobOutcome.FAILED]:
                raise CommandError(f"failed: {', '.join(failed)}")
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda signum, frame: stop.set())
        self.stdout.write("stdhub clock: running scheduled jobs")
        clock.loop(stop, interval, self.report)
