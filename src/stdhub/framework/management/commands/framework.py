"""``stdhub framework``: export a standard system as its workbook, or import one."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stdhub.core.permissions import SYSTEM
from stdhub.framework import queries, services
from stdhub.framework.models import Framework
from stdhub.framework.workbook import export_workbook


class Command(BaseCommand):
    help = ("Standard systems (标准体系, GB/T 13016). `export CODE --xlsx FILE` writes the "
            "structure, detail table and statistics table as one workbook; `import CODE FILE` "
            "replaces a framework's nodes and entries with a workbook's (all rows checked "
            "first); `tables CODE --json` prints the tables.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write the workbook")
        export.add_argument("code")
        export.add_argument("--xlsx", required=True, help="file to write")
        imp = sub.add_parser("import", help="replace nodes and entries from a workbook")
        imp.add_argument("code")
        imp.add_argument("file")
        tables = sub.add_parser("tables", help="print the detail and statistics tables")
        tables.add_argument("code")
        tables.add_argument("--json", dest="as_json", action="store_true")

    def handle(self, *args, action, code, **options):
        framework = Framework.objects.filter(code=code).first()
        if framework is None:
            raise CommandError(f"no standard system with code '{code}'", returncode=2)
        if action == "export":
            Path(options["xlsx"]).write_bytes(export_workbook(framework))
            self.stdout.write(f"wrote {options['xlsx']}")
        elif action == "import":
            try:
                nodes, entries = services.import_workbook(
                    SYSTEM, framework, Path(options["file"]).read_bytes())
            except OSError as exc:
                raise CommandError(str(exc), returncode=2) from exc
            except ValidationError as exc:
                raise CommandError("\n".join(exc.messages), returncode=2) from exc
            self.stdout.write(f"imported {nodes} nodes and {entries} entries")
        else:
            data = queries.tables_as_data(framework)
            if options["as_json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            else:
                for row in data["detail"]:
                    self.stdout.write("\t".join(str(v or "") for v in row.values()))
