app_name = "predict"
urlpatterns: list = []
