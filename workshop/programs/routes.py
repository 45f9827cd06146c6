"""Placeholder routes module; programme editing pages are added with the programs feature."""
