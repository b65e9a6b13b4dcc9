"""``booklet serve``: the local web page over the same pipeline as the command line.

Modules, each small and with one job:

- ``app``: ``create_app(settings)``, the Starlette application, its lifespan and error pages
- ``routes``: the pages and endpoints (catalog, career, collections, check, jobs, files)
- ``kinds``: what can be built from a form (a career, a picked or uploaded collection, a class
  list, a comparison sheet); the registry a new build kind joins, and the option fields of the forms
- ``jobs``: the bounded queue of builds on the warm worker pool, job ids, progress
- ``cache``: finished PDFs and thumbnails on disk, keyed by the build's input digest
- ``catalog``: the content folder as the page shows it (facts, filters, check findings)
- ``thumbnails``: page images with pypdfium2
- ``security``: token, host check, CSRF, security headers, size-capped form reading
- ``uploads``: a brand file and logo, or a class list, checked by the command line's own code
- ``rostering``: a class list built in one worker (``booklet roster``'s code), returned as a zip
- ``comparing``: a comparison sheet rendered in a worker (``booklet compare``'s ``Pipeline.compare``)
- ``watch``: ``--watch``: templates and CSS edited while the server runs

Nothing here imports Starlette at package import time: worker processes that
unpickle a job never load the web stack.
"""
