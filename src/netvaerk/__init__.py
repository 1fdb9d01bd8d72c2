"""Netværk: thematic networks for membership organisations."""
