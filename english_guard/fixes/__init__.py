"""Fixes: LibCST codemods (rename, translate, extract) and the safe writing they share."""
