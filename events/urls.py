from django.urls import path

from .views import detail, listing

app_name = "events"

urlpatterns = [
    path("evenements/", listing.EventListView.as_view(), name="list"),
    path("evenements/<int:pk>-<slug:slug>/", detail.EventDetailView.as_view(), name="detail"),
]
