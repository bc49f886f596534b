"""``python -m monitor`` runs the same CLI as ``rhetoric-monitor``."""

from monitor.cli import main

main()
