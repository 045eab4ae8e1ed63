# Two commands on a fresh machine: `make demo` and `make test`. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo yes)
APT_PACKAGES := chromium gdal-bin
QGIS_PACKAGES := qgis qgis-providers python3-qgis

.PHONY: install system-packages qgis assets demo test lint bench clean

install: system-packages $(VENV)/.installed assets

# Debian packages the tests need (only as root; otherwise the tests that need them skip,
# or fail under GEO_REQUIRE_BROWSER/GEO_REQUIRE_GDAL). QGIS is optional: its test skips
# where it cannot be installed.
system-packages:
ifeq ($(IS_ROOT),yes)
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v ogrinfo >/dev/null || missing="$$missing gdal-bin"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@if [ ! -x /usr/bin/qgis_process.bin ] && [ ! -e .qgis-unavailable ]; then \
		echo "installing QGIS (optional, for the GeoPackage temporal test)"; \
		(apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $(QGIS_PACKAGES) >/dev/null 2>&1) || \
			{ echo "QGIS could not be installed; its test will skip"; touch .qgis-unavailable; }; \
	fi
else
	@[ -x /usr/bin/chromium ] && command -v ogrinfo >/dev/null || \
		echo "note: not root, so chromium/gdal-bin are not installed; browser and GDAL tests will skip"
endif

$(VENV)/.installed: pyproject.toml
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	@$(BIN)/pip install -q --disable-pip-version-check -e ".[test]" 2>&1 | grep -vE '^(WARNING: Location|  )' || true
	@$(BIN)/python -c "import geo, gazetteer, folium, geopandas, ahocorasick, dask.distributed"
	@$(BIN)/python -m gazetteer.load >/dev/null  # cache the region's GeoNames rows once
	@touch $@

# Map assets (Leaflet and plugins) from npm, embedded into the HTML at render time.
assets: node_modules/.installed

node_modules/.installed: package.json
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent >/dev/null; \
	else npm install --no-audit --no-fund --silent >/dev/null; fi
	@touch $@

demo: install
	@$(BIN)/geo build data/reports --manifest data/manifest.csv --step 1m -o maps --quiet

test: install
	@$(BIN)/ruff check .
	@$(BIN)/python -m pytest -q -p no:cacheprovider

lint: install
	@$(BIN)/ruff check .

bench: install
	@$(BIN)/python bench/run_all.py

clean:
	rm -rf maps/*.html maps/*.geojson maps/*.gpkg maps/*.csv maps/*.sqlite* .pytest_cache
