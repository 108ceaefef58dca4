from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path("mes-donnees/", views.MyDataView.as_view(), name="my_data"),
    path("mes-donnees/export.json", views.MyDataExportView.as_view(), name="my_data_export"),
    # Signing in first, then allauth asks for the password again.
    path("supprimer/", login_required(views.AccountDeleteView.as_view()), name="delete"),
]
