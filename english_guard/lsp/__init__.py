"""The language server (`english-guard server`): findings, fixes and evidence for documents open in an editor.

`documents` does the work on plain text with the check's detection and the fixes' machinery, without any
LSP types; `server` is the pygls glue (protocol, debouncing, positions in the client's encoding). Only
`english-guard server` imports this package, so the check never pays for pygls.
"""
