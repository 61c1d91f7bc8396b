"""Fills an installed suite database with a generated national registry (setup/generate)."""
