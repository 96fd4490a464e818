"""Export of the registry list page: the same filters and search, as CSV, Excel or JSON.

``GET /workspace/standards/export/?format=csv|xlsx|json&<StandardFilter params>&q=<search>``
"""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

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


@require_GET
@login_required
def export_standards(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        return HttpResponseBadRequest(_("不支持的格式 unsupported format: %(format)s")
                                      % {"format": fmt})
    try:
        records = records_of(selected_standards(request.user, request.GET), request.user)
    except SelectionError as exc:
        return HttpResponseBadRequest(str(exc))
    filename = f"标准明细表-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "xlsx":  # a zip archive: built in a temporary file, then sent
        out = tempfile.TemporaryFile()
        write_xlsx(records, out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=filename,
                            content_type=CONTENT_TYPES[fmt])
    chunks = csv_chunks(records) if fmt == "csv" else json_chunks(records)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
