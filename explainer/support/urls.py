from django.urls import path

from .views import customer, editing, staff

app_name = "support"
urlpatterns = [
    path("support/", staff.home, name="home"),
    path("support/login/", staff.sign_in, name="login"),
    path("support/logout/", staff.sign_out, name="logout"),
    path("support/cases/", staff.case_list, name="cases"),
    path("support/cases/new/", editing.new_case, name="new"),
    path("support/cases/new/position/", editing.position_row, name="position_row"),
    path("support/cases/<int:pk>/", staff.case_detail, name="case"),
    path("support/cases/<int:pk>/edit/", editing.edit_case, name="edit"),
    path("support/cases/<int:pk>/links/", staff.create_link, name="create_link"),
    path("support/links/<int:pk>/revoke/", staff.revoke_link, name="revoke_link"),
    path("cases/<str:token>/", customer.customer_case, name="customer"),
]
