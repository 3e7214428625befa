"""Fixes: rename (on `ast` + `symtable`), translate and extract (on LibCST), and what they share: the runner
(`runner`: plan in memory, then verified, all-or-nothing writes), the verification gate (`verify`) and the
transaction (`transaction`). See docs/fixes.md."""
