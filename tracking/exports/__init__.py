"""
The mandate list as files, and back.

- formats.py: CSV, XLSX and JSON with one set of columns, and the iCalendar feed;
- roundtrip.py: an edited XLSX export uploaded back, previewed, then applied as history;
- views.py, urls.py: the download links, the calendar feed and the upload pages.
"""
