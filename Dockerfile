# The portal's image: web (gunicorn), worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (pango, harfbuzz-subset), DejaVu fonts for PDFs, gettext for the catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext poppler-utils \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY pyproject.toml README.md ./
RUN pip install .
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
