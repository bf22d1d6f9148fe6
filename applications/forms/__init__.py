from .applicant import ApplicantForm
from .bank import BankForm
from .consents import ConsentsForm
from .documents import AttachmentForm, TenExemptionForm
from .effect import EffectForm
from .misc import NewApplicationForm, SignForm, WithdrawForm
from .project import ProjectForm

SECTION_FORMS = {
    "applicant": ApplicantForm,
    "bank": BankForm,
    "project": ProjectForm,
    "effect": EffectForm,
    "consents": ConsentsForm,
}

__all__ = [
    "SECTION_FORMS",
    "ApplicantForm",
    "AttachmentForm",
    "BankForm",
    "ConsentsForm",
    "EffectForm",
    "NewApplicationForm",
    "ProjectForm",
    "SignForm",
    "TenExemptionForm",
    "WithdrawForm",
]
