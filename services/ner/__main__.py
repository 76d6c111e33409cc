from ner.app import app, settings
from wirewatch.wiring import run_worker

if __name__ == "__main__":
    run_worker(app, settings)
