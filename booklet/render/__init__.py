"""From a validated career to PDF bytes: context → HTML → PDF."""
