"""``python -m booklet`` runs the same CLI as the ``booklet`` command."""

from booklet.cli import main

main()
