"""Matchers: a pure library that scores listing text and extracts identifiers.

Imports nothing of ours. Text in; a frozen verdict with reasons and identifiers out.
"""
