"""Public pages: anonymous visitors browse, search, map and export the labelled events."""
