from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

from . import views
from .forms import EntrarForm

app_name = "cuentas"

urlpatterns = [
    path("entrar/", auth.LoginView.as_view(
        template_name="registration/entrar.html", authentication_form=EntrarForm, redirect_authenticated_user=True),
        name="entrar"),
    path("salir/", auth.LogoutView.as_view(), name="salir"),
    path("contrasena/", auth.PasswordChangeView.as_view(
        template_name="registration/contrasena_cambiar.html",
        success_url=reverse_lazy("cuentas:contrasena_cambiada")), name="contrasena"),
    path("contrasena/cambiada/", auth.PasswordChangeDoneView.as_view(
        template_name="registration/contrasena_cambiada.html"), name="contrasena_cambiada"),
    path("restablecer/", auth.PasswordResetView.as_view(
        template_name="registration/restablecer.html",
        email_template_name="registration/correo_restablecer.txt",
        subject_template_name="registration/correo_restablecer_asunto.txt",
        success_url=reverse_lazy("cuentas:restablecer_enviado")), name="restablecer"),
    path("restablecer/enviado/", auth.PasswordResetDoneView.as_view(
        template_name="registration/restablecer_enviado.html"), name="restablecer_enviado"),
    path("restablecer/<uidb64>/<token>/", auth.PasswordResetConfirmView.as_view(
        template_name="registration/restablecer_confirmar.html",
        success_url=reverse_lazy("cuentas:restablecer_completo")), name="restablecer_confirmar"),
    path("restablecer/completo/", auth.PasswordResetCompleteView.as_view(
        template_name="registration/restablecer_completo.html"), name="restablecer_completo"),
    # People: coordination invites and manages accounts (snimh.permisos.puede_gestionar_personas).
    path("personas/", views.PersonaListView.as_view(), name="personas"),
    path("personas/invitar/", views.PersonaInvitarView.as_view(), name="persona_invitar"),
    path("personas/<int:pk>/", views.PersonaDetailView.as_view(), name="persona"),
    path("personas/<int:pk>/editar/", views.PersonaEditarView.as_view(), name="persona_editar"),
    path("personas/<int:pk>/desactivar/", views.PersonaDesactivarView.as_view(), name="persona_desactivar"),
    path("personas/<int:pk>/reactivar/", views.PersonaReactivarView.as_view(), name="persona_reactivar"),
    path("personas/<int:pk>/reenviar-invitacion/", views.InvitacionReenviarView.as_view(),
         name="invitacion_reenviar"),
    # The invited person's one-time link (cuentas.tokens).
    path("invitacion/<uidb64>/<token>/", views.InvitacionAceptarView.as_view(), name="invitacion_aceptar"),
]
