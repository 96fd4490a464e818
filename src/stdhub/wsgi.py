import os

from django.core.wsgi import get_wsgi_application

from stdhub.core.files import private_umask

private_umask()  # files the web workers create (uploads, the SQLite journal) stay private

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdhub.settings")
application = get_wsgi_application()
