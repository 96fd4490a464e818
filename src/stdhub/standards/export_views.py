"""Export of the registry list page: the same filters and search, as CSV, Excel or JSON.

``GET /workspace/standards/export/?format=csv|xlsx|json&<StandardFilter params>&q=<search>``

CSV and JSON stream as they are read. An .xlsx of up to ``exports.INLINE_ROWS``
standards is written at once; a larger one is confirmed (GET) and then built by a
background task (POST), whose page shows progress and then the file (see ``exports``).
"""

import tempfile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stdhub.core.permissions import scope

from . import exports
from .io.exporter import (
    CONTENT_TYPES,
    FORMATS,
    SelectionError,
    csv_chunks,
    json_chunks,
    records_of,
    selected_standards,
    write_xlsx,
)
from .models import StandardExport


def _file_name(fmt: str) -> str:
    return f"标准明细表-{timezone.localdate():%Y%m%d}.{fmt}"


@require_http_methods(["GET", "POST"])
@login_required
def export_standards(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        return HttpResponseBadRequest(_("不支持的格式 unsupported format: %(format)s")
                                      % {"format": fmt})
    try:
        selection = selected_standards(request.user, request.GET)
        total = selection.count() if fmt == "xlsx" else None
    except SelectionError as exc:
        return HttpResponseBadRequest(str(exc))
    if fmt == "xlsx" and total > exports.INLINE_ROWS:
        return _background_export(request, total)
    if request.method == "POST":
        return HttpResponseBadRequest(_("此导出无需后台生成 this export needs no background task"))
    records = records_of(selection, request.user)
    if fmt == "xlsx":  # a zip archive: built in a temporary file, then sent
        out = tempfile.TemporaryFile()
        write_xlsx(records, out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=_file_name(fmt),
                            content_type=CONTENT_TYPES[fmt])
    chunks = csv_chunks(records) if fmt == "csv" else json_chunks(records)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, _file_name(fmt))
    return response


def _background_export(request, total: int):
    """GET: say that the file is built in the background; POST: queue it, show its page."""
    if request.method == "GET":
        as_csv = request.GET.copy()
        as_csv["format"] = "csv"
        return render(request, "standards/export_confirm.html", {
            "total": total, "query": request.GET.urlencode(), "csv_query": as_csv.urlencode()})
    try:
        export = exports.start_export(request.user, request.GET)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return redirect(export)


def _visible_export(request, pk: int) -> StandardExport:
    return get_object_or_404(scope(request.user, "view", StandardExport.objects.all()), pk=pk)


@require_GET
@login_required
def export_job(request, pk: int):
    """The export's page; its status block polls itself until the file is ready."""
    export = _visible_export(request, pk)
    template = ("standards/_export_status.html" if request.htmx
                else "standards/export_job.html")
    return render(request, template, {"export": export})


@require_GET
@login_required
def export_download(request, pk: int):
    export = _visible_export(request, pk)
    if not export.file or not export.file.storage.exists(export.file.name):
        raise Http404(_("文件尚未生成 the file is not ready"))
    return FileResponse(export.file.open("rb"), as_attachment=True,
                        filename=_file_name(export.format),
                        content_type=CONTENT_TYPES[export.format])
