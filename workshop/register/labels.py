"""Display labels of the register's codes, shared by the pages, exports and the dossier."""

from flask_babel import lazy_gettext as _l

STATUS = {"identified": _l("Identified"), "analysed": _l("Analysed"),
          "prescribed": _l("Prescribed"), "set_aside": _l("Set aside")}
LINK_KIND = {"link": _l("Linked"), "promote": _l("Promoted into this item"),
             "carry": _l("Carried into a workshop"), "unlink": _l("Link undone"),
             "merge": _l("Merge"), "split": _l("Split"), "status": _l("Status changed")}
WORKSHOP_KIND = {"co_thinking": _l("Co-thinking workshop"),
                 "expert_meeting": _l("Expert meeting")}
SOURCE_KIND = {"citizens": _l("Citizens' requests"), "experts": _l("Experts' input"),
               "problems": _l("Statement of the municipality's problems"),
               "interview": _l("Interview with a former manager"),
               "stakeholders": _l("Stakeholder analysis"), "study": _l("Study"),
               "world_city": _l("Long-term plan of a world city"),
               "citizen_comment": _l("Citizen's comment"), "other": _l("Other")}
STANCE = {"supported": _l("Supported"), "concerned": _l("Concerned"),
          "present": _l("Only present"), "unheard": _l("Unheard")}
METHOD = {"approval": _l("Approval"), "dots": _l("Dots"), "scores": _l("Scores"),
          "ranking": _l("Ranking")}
COMMENT_STATUS = {"pending": _l("Waiting"), "accepted": _l("Accepted"),
                  "rejected": _l("Rejected")}


def context() -> dict:
    """Template globals for the register pages."""
    return {"STATUS": STATUS, "LINK_KIND": LINK_KIND, "WORKSHOP_KIND": WORKSHOP_KIND,
            "SOURCE_KIND": SOURCE_KIND, "STANCE": STANCE, "METHOD": METHOD,
            "COMMENT_STATUS": COMMENT_STATUS}
