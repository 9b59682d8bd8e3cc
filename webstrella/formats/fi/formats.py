"""Finnish dates as the register writes them everywhere: 30.11.2026 and 30.11.2026 13:25.

Django's own Finnish formats drop the leading zeros (1.12.2026) and write times with
"klo"; the admin showed three formats on one page.
"""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
