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

__all__ = ["ApplicantForm", "BankForm", "ConsentsForm", "AttachmentForm", "TenExemptionForm", "EffectForm",
           "NewApplicationForm", "SignForm", "WithdrawForm", "ProjectForm", "SECTION_FORMS"]
