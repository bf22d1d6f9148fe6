from django.urls import path

from councils.views import dossier, items, protocol, roster, sessions

app_name = "councils"

urlpatterns = [
    path("roster/", roster.roster, name="roster"),
    path("roster/add/", roster.member_add, name="member_add"),
    path("roster/<int:pk>/end/", roster.member_end, name="member_end"),
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/new/", sessions.session_new, name="session_new"),
    path("sessions/export.<str:fmt>", sessions.session_export, name="session_export"),
    path("sessions/<int:pk>/agenda.<str:fmt>", sessions.agenda_export, name="agenda_export"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/open/", sessions.session_open, name="session_open"),
    path("sessions/<int:pk>/close/", sessions.session_close, name="session_close"),
    path("sessions/<int:pk>/designate/", sessions.presider_designate, name="presider_designate"),
    path("sessions/<int:pk>/intent/", sessions.attendance_intent, name="attendance_intent"),
    path("sessions/<int:pk>/calendar.ics", sessions.session_calendar, name="session_calendar"),
    path("sessions/<int:pk>/check-in/", sessions.check_in, name="check_in"),
    path("sessions/<int:pk>/attendance/<int:row_pk>/", sessions.attendance_record, name="attendance_record"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/tally/", items.item_tally, name="item_tally"),
    path("items/<int:pk>/recuse/", items.item_recuse, name="item_recuse"),
    path("items/<int:pk>/no-conflict/", items.item_no_conflict, name="item_no_conflict"),
    path("items/<int:pk>/open/", items.item_voting_open, name="item_open"),
    path("items/<int:pk>/vote/", items.item_vote, name="item_vote"),
    path("items/<int:pk>/record-vote/", items.item_vote_record, name="item_vote_record"),
    path("items/<int:pk>/close/", items.item_close, name="item_close"),
    path("items/<int:pk>/carry/", items.item_carry, name="item_carry"),
    path("items/<int:pk>/notes/", items.item_notes, name="item_notes"),
    path("items/<int:pk>/reasons/", items.item_reasons, name="item_reasons"),
    path("items/<int:pk>/notice/<str:kind>/", items.item_notice_prepare, name="item_notice_prepare"),
    path("items/<int:pk>/notice/<str:kind>/send/", items.item_notice_send, name="item_notice_send"),
    path("items/<int:pk>/application/", dossier.item_application, name="item_application"),
    path("items/<int:pk>/attachments/<int:attachment_pk>/", dossier.item_attachment, name="item_attachment"),
    path(
        "items/<int:pk>/messages/<int:message_pk>/file/",
        dossier.item_message_attachment,
        name="item_message_attachment",
    ),
    path("protocols/<int:pk>/", protocol.protocol_detail, name="protocol"),
    path("protocols/<int:pk>/sign/", protocol.protocol_sign, name="protocol_sign"),
    path("protocols/<int:pk>/hand-over/", protocol.handover, name="handover"),
]
