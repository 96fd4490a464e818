"""``stdhub projects list|move|similar|close-periods``: projects from the command line.

- ``list [--json] [--stage 30] [--deadline overdue|soon] [--user NAME]`` prints the
  projects the user may see (default: the first superuser);
- ``move ID STAGE_OR_MOVE --reason ... [--code ...] [--plan-number ...]
  [--comment-end YYYY-MM-DD] [--user NAME]`` makes a move through the same service as
  the pages; a refusal prints its reasons and exits 2;
- ``close-periods`` closes the comment periods past their end date (scheduled work);
- ``similar "标题" [--json] [--limit N]`` (查重) prints the closest standards and active
  projects, best first: ``[{"kind": "standard"|"project", "code", "title", "score"}]``.
"""

from __future__ import annotations

import importlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from stdhub.core.errors import Conflict
from stdhub.projects import queries, services
from stdhub.projects.models import Project
from stdhub.projects.similar import similar

acting_user = importlib.import_module("stdhub.standards.management.commands.import").acting_user

BAD_INPUT = 2


def as_row(project: Project) -> dict:
    return {"id": project.pk, "plan_number": project.plan_number, "title": project.title,
            "stage": project.stage, "substate": project.substate,
            "due_on": project.due_on.isoformat() if project.due_on else None,
            "deadline": getattr(project, "deadline", ""),
            "lead_org": project.lead_org.name, "responsible_org": project.responsible_org.name,
            "standard": project.standard.code if project.standard_id else None}


class Command(BaseCommand):
    help = ("Standard-development projects: list them, move one to its next stage, or find "
            "the standards and projects whose titles are closest to a new one (查重).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="projects you may see")
        listing.add_argument("--json", dest="as_json", action="store_true")
        listing.add_argument("--stage", action="append", default=[], help="stage code, e.g. 30")
        listing.add_argument("--deadline", choices=["overdue", "soon"])
        listing.add_argument("--user", help="act as this user (default: the first superuser)")
        alike = sub.add_parser("similar", help="查重: closest standards and active projects")
        alike.add_argument("title")
        alike.add_argument("--json", dest="as_json", action="store_true")
        alike.add_argument("--limit", type=int, default=10)
        closing = sub.add_parser("close-periods",
                                 help="close comment periods past their end date (idempotent)")
        closing.add_argument("--json", dest="as_json", action="store_true")
        moving = sub.add_parser("move", help="make a move (or move forward into a stage)")
        moving.add_argument("id", type=int)
        moving.add_argument("to", help="a stage code (30) or a move name (open-comments, stop…)")
        moving.add_argument("--reason", default="")
        moving.add_argument("--code", help="the standard code given at publication")
        moving.add_argument("--plan-number", dest="plan_number")
        moving.add_argument("--comment-end", dest="comment_end", help="YYYY-MM-DD")
        moving.add_argument("--issued-on", dest="issued_on")
        moving.add_argument("--effective-on", dest="effective_on")
        moving.add_argument("--json", dest="as_json", action="store_true")
        moving.add_argument("--user", help="act as this user (default: the first superuser)")

    def handle(self, *args, action, **options):
        if action == "similar":
            return self._similar(**options)
        if action == "close-periods":
            closed = [as_row(p) for p in services.close_due_comment_periods()]
            self.stdout.write(json.dumps(closed, ensure_ascii=False) if options["as_json"]
                              else f"closed {len(closed)} comment period(s)")
            return None
        user = acting_user(options.pop("user", None))
        if action == "list":
            return self._list(user, **options)
        return self._move(user, **options)

    def _list(self, user, *, as_json, stage, deadline, **options):
        params = QueryDict(mutable=True)
        params.setlist("stage", stage)
        if deadline:
            params["deadline"] = deadline
        projects = queries.flag(list(queries.filtered(user, params).select_related("standard")))
        rows = [as_row(p) for p in projects]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            flag = {"overdue": " [逾期 overdue]", "soon": " [即将到期 due soon]"}.get(
                r["deadline"], "")
            self.stdout.write(f"{r['id']}\t{r['plan_number'] or '-'}\t{r['stage']}"
                              f"{'/' + r['substate'] if r['substate'] else ''}\t"
                              f"{r['due_on'] or '-'}{flag}\t{r['title']}")

    def _similar(self, *, title, as_json, limit, **options):
        if not title.strip():
            raise CommandError("give a title to compare", returncode=BAD_INPUT)
        if limit < 1:
            raise CommandError("--limit must be at least 1", returncode=BAD_INPUT)
        found = similar(title, limit)
        if as_json:
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
            return
        for item in found:
            self.stdout.write(f"{item['score']:.3f}\t{item['kind']}\t{item['code'] or '-'}\t"
                              f"{item['title']}")

    def _move(self, user, *, id, to, reason, as_json, **options):
        project = Project.objects.filter(pk=id).first()
        if project is None:
            raise CommandError(f"no project {id}", returncode=BAD_INPUT)
        data = {k: options[k] for k in ("code", "plan_number", "comment_end", "issued_on",
                                        "effective_on") if options.get(k)}
        try:
            project = services.move(user, project, to, reason, **data)
        except ValidationError as exc:
            reasons = [m for ms in exc.message_dict.values() for m in ms] if hasattr(
                exc, "error_dict") else exc.messages
            raise CommandError("refused: " + "; ".join(reasons), returncode=BAD_INPUT) from exc
        except (PermissionDenied, Conflict) as exc:
            raise CommandError(f"refused: {exc}", returncode=BAD_INPUT) from exc
        project = queries.flag([project])[0]
        if as_json:
            self.stdout.write(json.dumps(as_row(project), ensure_ascii=False))
        else:
            self.stdout.write(f"{project.pk}\t{project.stage_label}")
