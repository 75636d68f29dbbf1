"""Helpers several rooms use: files (atomic writes, digests, the reads a job depends on), fonts,
QR codes, and the project (kapdocs.toml and the rule that content never leaves the project)."""
