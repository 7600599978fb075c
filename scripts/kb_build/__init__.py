"""Build-time helpers of scripts/build_kb.py; nothing here is imported by the factwire package."""
