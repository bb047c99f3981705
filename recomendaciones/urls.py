app_name = "recomendaciones"

urlpatterns = []
