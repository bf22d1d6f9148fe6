# The portal's image: web (gunicorn), worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The run-time system packages of scripts/system-packages.txt (WeasyPrint's Pango,
# DejaVu fonts, gettext) and the recommended ones, plus pdftotext for the documents.
COPY scripts/system-packages.txt /tmp/system-packages.txt
RUN apt-get update \
    && apt-get install -y --no-install-recommends poppler-utils \
        $(awk '$2 == "run" || $2 == "recommended" {print $1}' /tmp/system-packages.txt) \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes --no-deps -r requirements/base.txt
COPY . .

# Compiled catalogues and collected static files are part of the image.
RUN python manage.py compilemessages --ignore=var -v 0 \
    && DEBUG=false SECRET_KEY=build-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
       python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /app/var/private \
    && chown -R portal:portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
