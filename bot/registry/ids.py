"""The ids the registry's modals and buttons are wired to, shared by builders and listeners."""

from __future__ import annotations

# Modal callback ids
JOIN_VIEW = "registry_join"
REGISTER_VIEW = "registry_register"
PERSON_VIEW = "registry_person"
AREA_VIEW = "registry_area"
ASK_VIEW = "registry_ask"

# Action ids
HOME_JOIN = "registry_home_join"
HOME_REGISTER = "registry_home_register"
HOME_ASK = "registry_home_ask"
HOME_EXPORT = "registry_home_export"
HOME_NEW_AREA = "registry_home_new_area"
HOME_NEW_PERSON = "registry_home_new_person"
MATRIX_PAGE = "registry_matrix_page"
APPROVE = "registry_registration_approve"
REJECT = "registry_registration_reject"
JOIN_PARTY = "registry_join_party"
REGISTER_ROLE = "registry_register_role"

ACTION_IDS = (
    HOME_JOIN,
    HOME_REGISTER,
    HOME_ASK,
    HOME_EXPORT,
    HOME_NEW_AREA,
    HOME_NEW_PERSON,
    MATRIX_PAGE,
    APPROVE,
    REJECT,
    JOIN_PARTY,
    REGISTER_ROLE,
)
