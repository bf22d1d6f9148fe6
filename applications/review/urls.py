from django.urls import path

from applications.review import views

app_name = "review"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("export.<str:fmt>", views.inbox_export, name="inbox_export"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/history/", views.review_history, name="history"),
    path("<int:pk>/history/export.<str:fmt>", views.history_export, name="history_export"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/refuse/", views.refuse, name="refuse"),
    path("<int:pk>/recommend/", views.recommend, name="recommend"),
    path("<int:pk>/eligibility/<int:result_pk>/", views.eligibility_decide, name="eligibility"),
    path("<int:pk>/dossier/", views.dossier_page, name="dossier"),
    path("<int:pk>/dossier/prepare/", views.dossier_prepare, name="dossier_prepare"),
    path("<int:pk>/dossier.zip", views.dossier_zip, name="dossier_zip"),
]
