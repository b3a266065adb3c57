"""Trained event classifiers: a sentence encoder and small heads that decide an event's type."""
