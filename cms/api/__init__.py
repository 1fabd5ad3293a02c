"""The public content API, version 1: JSON for the separate public website and anyone else who reads it."""
