# The techkg test image: runs the test suite (the compose `tests` service points it at the
# compose Neo4j). The local engine's JRE comes with the arcadedb-embedded wheel.
FROM python:3.12.8-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm chromium \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY techkg techkg
COPY loaders loaders
COPY cli cli
COPY cypher cypher
RUN pip install --no-cache-dir -e '.[test]'

COPY tests/lint/package.json tests/lint/
RUN npm install --no-audit --no-fund --prefix tests/lint

COPY . .
ENV TECHKG_ARTICLES=/shared/articles
CMD ["python", "-m", "pytest", "-q"]
