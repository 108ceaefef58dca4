from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("evenements/", views.EventListView.as_view(), name="list"),
    path("evenements/<int:pk>-<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
