# Production image: gunicorn behind a proxy; the task worker runs the same image
# with `python manage.py db_worker`.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=semaine.settings.production

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY semaine ./semaine
COPY academies ./academies
COPY events ./events
RUN pip install --no-cache-dir .
COPY . .
# Build-time settings only: production refuses to start without a shared cache, but nothing
# connects to it while compiling catalogues and collecting static files.
RUN export SECRET_KEY=build ALLOWED_HOSTS=localhost CACHE_URL=redis://build:6379/0 \
    && python manage.py compilemessages --ignore=.venv \
    && python manage.py collectstatic --noinput

RUN useradd --create-home semaine
USER semaine
EXPOSE 8000
# gunicorn.conf.py: bind, workers, JSON lines; the health check is `python -m semaine.probe`.
CMD ["gunicorn", "semaine.wsgi"]
