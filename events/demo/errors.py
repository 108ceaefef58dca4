"""The one error of the demo package."""


class DemoSeedError(Exception):
    """The demo data cannot be generated (missing reference data, bad option)."""
