"""Large uploads go to disk while they arrive, in the data folder, never whole into memory."""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory


def test_large_upload_streams_to_a_temporary_file_in_the_data_folder():
    body = b"id,name\n" + b"1,abc\n" * 600_000  # 3.6 MB, past the 2.5 MB kept in memory
    request = RequestFactory().post("/", {"dataset": SimpleUploadedFile("big.csv", body)})
    upload = request.FILES["dataset"]
    assert isinstance(upload, TemporaryUploadedFile)
    path = Path(upload.temporary_file_path())
    assert path.parent == Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert path.parent.parent == Path(settings.DATA_DIR)
    assert path.stat().st_size == len(body)
    upload.close()
