app_name = "embeds"
urlpatterns: list = []
