"""The plan's own refusal messages (codes stay from the fixed list in workshop.errors)."""

from flask_babel import lazy_gettext as _l

OTHER_PROGRAMME_ITEM = _l("This focus point belongs to the register of another programme.")
YEAR_OUTSIDE = _l("This year lies outside the plan's years.")
NEGATIVE_BUDGET = _l("A budget cannot be negative.")
BAD_NUMBER = _l("This is not a number.")
BAD_YEAR = _l("This is not a Jalali year.")
BAD_DATES = _l("The end must not come before the start.")
BAD_PROGRESS = _l("Progress is a share between 0 and 100.")
REASON_NEEDED = _l("Please give a reason for changing a target.")
UNIT_MISMATCH = _l("The unit does not match the indicator's unit.")
UNKNOWN_INDICATOR = _l("There is no indicator with this id in the plan.")
BAD_KIND = _l("The kind must be target or actual.")
BAD_QUARTER = _l("The quarter must be empty or 1 to 4.")
BAD_URL = _l("The evidence link must start with http:// or https://.")
BAD_HEADER = _l("The columns do not match the export format.")
DUPLICATE_ROW = _l("This indicator, kind, year and quarter appear twice in the file.")
BAD_FILE = _l("This file cannot be read as CSV or XLSX.")
NO_FRAME = _l("Set the plan's years first.")
BAD_SPAN = _l("A strategic plan spans 2 to 25 years, the first before the last.")
PARENT_ELSEWHERE = _l("A sub-project must be in the same operational plan and strategy as its "
                      "parent.")
BAD_OWNER = _l("Outcome indicators belong to goals or strategies; output and result indicators "
               "to projects.")
TAKEN_CODE = _l("This code is already used in the plan.")
BAD_CODE = _l("A code is Latin letters, digits, dots, dashes or underscores (e.g. S3, P12).")
BAD_DATE = _l("This is not a Jalali date; type it as 1405/01/15.")
