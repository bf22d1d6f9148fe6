from .drafts import (
    application_create,
    application_section_save,
    application_ten_exemption_save,
    attachment_add,
)
from .past_performance import past_performance_settle, projects_to_settle
from .submission import application_submit, next_registry_number
from .withdrawal import application_withdraw

__all__ = [
    "application_create",
    "application_section_save",
    "application_submit",
    "application_ten_exemption_save",
    "application_withdraw",
    "attachment_add",
    "next_registry_number",
    "past_performance_settle",
    "projects_to_settle",
]
