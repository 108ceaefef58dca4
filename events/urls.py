"""URLs of the events app, grouped by audience (namespace `events`)."""

from django.urls import path

from . import feeds
from .views import organizers, space, teachers
from .views.public import archive, detail, exports, landing, listing

app_name = "events"

public_urlpatterns = [
    path("evenements/", listing.EventListView.as_view(), name="list"),
    path("evenements/carte/", listing.EventMapView.as_view(), name="map"),
    path("api/evenements/carte.json", listing.event_map_data, name="map_data"),
    path("evenements/<int:pk>-<slug:slug>/", detail.EventDetailView.as_view(), name="detail"),
    # Open data: exports take the list's filters in the query string.
    path("evenements/<int:pk>-<slug:slug>.ics", exports.event_ics, name="detail_ics"),
    path("evenements.ics", exports.event_list_ics, name="list_ics"),
    path("evenements.csv", exports.event_list_csv, name="list_csv"),
    path("api/evenements.json", exports.event_list_json, name="list_json"),
    path("evenements/flux.rss", feeds.new_events_rss, name="feed_rss"),
    path("evenements/flux.atom", feeds.new_events_atom, name="feed_atom"),
    path("donnees/", exports.OpenDataView.as_view(), name="open_data"),
    # Archive and landing pages.
    path("editions/", archive.EditionListView.as_view(), name="editions"),
    path("editions/<int:year>/", archive.EditionDetailView.as_view(), name="edition"),
    path("themes/<slug:slug>/", landing.ThemeLandingView.as_view(), name="theme"),
    path("academies/<slug:slug>/", landing.AcademyLandingView.as_view(), name="academy"),
]

teachers_urlpatterns = [
    path("espace/enseignant/", teachers.TeacherHomeView.as_view(), name="teacher_home"),
    path("espace/inscriptions/", teachers.RegistrationListView.as_view(), name="registration_list"),
    path(
        "espace/inscriptions/nouvelle/",
        teachers.RegistrationCreateView.as_view(),
        name="registration_create",
    ),
    path(
        "espace/inscriptions/<int:pk>/",
        teachers.RegistrationDetailView.as_view(),
        name="registration_detail",
    ),
    path(
        "espace/inscriptions/<int:pk>/modifier/",
        teachers.RegistrationUpdateView.as_view(),
        name="registration_update",
    ),
    path(
        "espace/inscriptions/liberer/<str:token>/",
        teachers.RegistrationReleaseView.as_view(),
        name="registration_release",
    ),
    path(
        "espace/inscriptions/<int:pk>/annuler/",
        teachers.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
]

space_urlpatterns = [
    path("espace/", space.SpaceHubView.as_view(), name="space"),
]

organizers_urlpatterns = [
    path("espace/organisateur/", organizers.OrganizerHomeView.as_view(), name="organizer_home"),
    path(
        "espace/evenements/nouveau/",
        organizers.EventFormView.as_view(),
        name="organizer_event_create",
    ),
    path(
        "espace/evenements/<int:pk>/",
        organizers.EventManageView.as_view(),
        name="organizer_event",
    ),
    path(
        "espace/evenements/<int:pk>/modifier/",
        organizers.EventFormView.as_view(),
        name="organizer_event_update",
    ),
    path(
        "espace/evenements/<int:pk>/soumettre/",
        organizers.EventSubmitView.as_view(),
        name="organizer_event_submit",
    ),
    path(
        "espace/evenements/<int:pk>/annuler/",
        organizers.EventCancelView.as_view(),
        name="organizer_event_cancel",
    ),
    path(
        "espace/evenements/<int:pk>/reconduire/",
        organizers.EventRenewView.as_view(),
        name="organizer_event_renew",
    ),
    path(
        "espace/evenements/<int:pk>/inscriptions/",
        organizers.RegistrationsView.as_view(),
        name="organizer_registrations",
    ),
    path(
        "espace/evenements/<int:pk>/inscriptions.csv",
        organizers.RegistrationsCsvView.as_view(),
        name="organizer_registrations_csv",
    ),
    path(
        "espace/evenements/<int:pk>/inscriptions/imprimer/",
        organizers.RegistrationsPrintView.as_view(),
        name="organizer_registrations_print",
    ),
    path(
        "espace/evenements/<int:pk>/presence/",
        organizers.AttendanceView.as_view(),
        name="organizer_attendance",
    ),
    path(
        "espace/evenements/<int:pk>/affiche.pdf",
        organizers.PosterView.as_view(),
        name="organizer_poster",
    ),
]

urlpatterns = public_urlpatterns + space_urlpatterns + teachers_urlpatterns + organizers_urlpatterns
