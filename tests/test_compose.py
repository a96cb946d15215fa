"""The Docker set-up, checked statically (no Docker engine here): pinned images, healthchecks,
no committed password, the test profile, and a Dockerfile that installs what the tests need."""

from __future__ import annotations

import re
import subprocess

import yaml

from .conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))


def test_every_image_is_pinned() -> None:
    images = [s["image"] for s in COMPOSE["services"].values() if "image" in s]
    dockerfile = (ROOT / "Dockerfile").read_text("utf-8")
    images += re.findall(r"^FROM\s+(\S+)", dockerfile, re.MULTILINE)
    assert images
    for image in images:
        name, _, tag = image.partition(":")
        assert tag and tag != "latest" and re.search(r"\d+\.\d+", tag), image


def test_neo4j_service() -> None:
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.")
    assert "127.0.0.1:7474:7474" in neo4j["ports"] and "127.0.0.1:7687:7687" in neo4j["ports"]
    assert "healthcheck" in neo4j
    assert set(COMPOSE["volumes"]) == {"neo4j-data", "neo4j-logs"}
    assert neo4j["environment"]["NEO4J_browser_post__connect__cmd"] == \
        "play http://localhost:8001/guide.html"


def test_no_password_is_committed() -> None:
    secrets = {f"{name}.{key}": value for name, svc in COMPOSE["services"].items()
               for key, value in (svc.get("environment") or {}).items()
               if "PASSWORD" in key or key.endswith("AUTH")}
    assert secrets
    for where, value in secrets.items():
        assert "${NEO4J_PASSWORD" in value, where
    assert "neo4j/${NEO4J_PASSWORD" in COMPOSE["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert (ROOT / ".env.example").is_file()
    ignored = subprocess.run(["git", "check-ignore", ".env"], cwd=ROOT, capture_output=True)
    assert ignored.returncode == 0, ".env must be git-ignored"


def test_guide_server_and_test_profile() -> None:
    guide = COMPOSE["services"]["guide"]
    assert "./techkg/browser:/usr/share/nginx/html:ro" in guide["volumes"]
    assert "healthcheck" in guide
    conf = (ROOT / "docker" / "guide-nginx.conf").read_text("utf-8")
    assert "Access-Control-Allow-Origin" in conf
    tests = COMPOSE["services"]["tests"]
    assert tests["profiles"] == ["test"]
    assert tests["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert tests["environment"]["TECHKG_TEST_NEO4J_URI"] == "bolt://neo4j:7687"


def test_dockerfile_installs_the_test_tools() -> None:
    text = (ROOT / "Dockerfile").read_text("utf-8")
    assert "pip install --no-cache-dir -e '.[test]'" in text
    assert "npm install --no-audit --no-fund --prefix tests/lint" in text
    assert "nodejs" in text and "chromium" in text
