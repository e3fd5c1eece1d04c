from django.urls import path

from tracking.review import views

app_name = "review"
urlpatterns = [
    path("review/", views.review_queue_view, name="queue"),
    path("review/accept-all/", views.review_accept_all_view, name="accept_all"),
    path("review/<id:pk>/accept/", views.review_accept_view, name="accept"),
    path("review/<id:pk>/reject/", views.review_reject_view, name="reject"),
    path("review/<id:pk>/reconsider/", views.review_reconsider_view, name="reconsider"),
]
