from django.urls import path

from applications.views import documents, drafts, messages, mobile, submission

app_name = "applications"

urlpatterns = [
    path("", drafts.application_list, name="list"),
    path("new/", drafts.application_new, name="new"),
    path("oked/", drafts.oked_search, name="oked_search"),
    path("<int:pk>/", drafts.application_detail, name="detail"),
    path("<int:pk>/section/<slug:section>/", drafts.section_edit, name="section"),
    path("<int:pk>/documents/", documents.documents, name="documents"),
    path("<int:pk>/documents/upload/", documents.attachment_upload, name="attachment_upload"),
    path("<int:pk>/documents/ten/", documents.ten_exemption, name="ten_exemption"),
    path("files/<int:pk>/", documents.attachment_download, name="attachment_download"),
    path("<int:pk>/check/", submission.check_answers, name="check"),
    path("<int:pk>/canonical.json", submission.canonical, name="canonical"),
    path("<int:pk>/sign/", submission.sign, name="sign"),
    path("<int:pk>/sign/egov/", mobile.application_start, name="egov_start"),
    path("<int:pk>/sign/egov/<str:token>/status/", mobile.application_status, name="egov_status"),
    path("<int:pk>/receipt/", submission.receipt, name="receipt"),
    path("<int:pk>/withdraw/", submission.withdraw, name="withdraw"),
    path("<int:pk>/messages/", messages.thread, name="messages"),
    path("messages/<int:pk>/file/", messages.message_attachment, name="message_attachment"),
]
