"""Every size limit on untrusted input, in one place (the README's table quotes these).

Profiles, collections, brand files and class lists come from people we do
not control, and soon from uploads to a web page.  Each limit is far above
what a real input needs (the largest profile is about 25 KB with 1,200 YAML
nodes, nesting 6 deep) and far below what would let one file hang or exhaust
a build.
"""

from __future__ import annotations

MAX_FILE_BYTES = 512 * 1024  # a profile, collection or brand file
MAX_YAML_DEPTH = 32  # nested mappings and sequences
MAX_YAML_NODES = 20_000  # nodes after expanding every alias
MAX_YAML_ALIASES = 200  # uses of an anchor (*name)
MAX_NUMBER_DIGITS = 15  # digits in one number: more than any pay or year needs
MAX_SLUG_LENGTH = 64  # characters in a slug, so file names stay short on every file system
MAX_TITLE_LENGTH = 100  # characters in a career or collection title
MAX_FETCH_BYTES = 8 * 1024 * 1024  # one file WeasyPrint reads: a font, a stylesheet
MAX_ROSTER_BYTES = 1024 * 1024  # a class list (CSV): thousands of students fit in far less
MAX_ROSTER_ROWS = 2_000  # students in one class list
MAX_ROSTER_CELL = 200  # characters in one cell (a name, a list of careers, a note)
MAX_PACK_STUDENTS = 50  # students in one class-pack file; a larger class gets its pack in parts
MAX_ROSTER_CAREERS = 6  # careers in one student's booklet
MAX_LOGO_BYTES = 1024 * 1024  # a school's logo file, SVG or PNG
MAX_LOGO_PIXELS = 4_000_000  # a PNG logo's width × height (2,000 × 2,000); larger is refused unread

# The web page (`booklet serve`): what one request may carry.
MAX_REQUEST_BYTES = 4 * 1024 * 1024  # a whole form, uploads included (a class list, a brand file and its logo)
MAX_UPLOAD_BYTES = max(MAX_FILE_BYTES, MAX_ROSTER_BYTES, MAX_LOGO_BYTES)  # any one file; each kind checks its own
MAX_UPLOAD_ROWS = MAX_ROSTER_ROWS  # rows of an uploaded table (a class list)
MAX_WEB_ROSTER = 200  # students in one class list built on the page (the command line takes MAX_ROSTER_ROWS)
MAX_FORM_FIELD = 4_000  # characters in one typed field (a collection's introduction)
MAX_FORM_FIELDS = 200  # fields in one form (a collection lists at most MAX_WEB_COLLECTION careers)
MAX_WEB_COLLECTION = 60  # careers picked for one collection on the page
