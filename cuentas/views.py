"""The people pages (coordination) and accepting an invitation (the invited person).
Thin: permissions from snimh/permisos.py, reads from selectors.py, writes through services.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from snimh import permisos
from snimh.fechas import fecha_hora
from snimh.views import ListaFiltradaMixin

from . import selectors, services
from .forms import InvitarForm, PersonaForm
from .models import Usuario
from .tokens import INVALIDO, generador_de_invitaciones


def _aplicar_errores(form, error):
    """Put a service's ValidationError on the form, next to the field when it names one."""
    if hasattr(error, "error_dict"):
        for campo, errores in error.error_dict.items():
            form.add_error(campo if campo in form.fields else None, errores)
    else:
        form.add_error(None, error)


class PersonasMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Anonymous visitors go to the log-in page; everybody but coordination gets 403."""

    def test_func(self):
        return permisos.puede_gestionar_personas(self.request.user)


class _PersonaMixin(PersonasMixin):
    def get_object(self, queryset=None):
        try:
            return selectors.persona_para_detalle(pk=self.kwargs["pk"])
        except Usuario.DoesNotExist as error:
            raise Http404(_("No existe esa persona.")) from error


class PersonaListView(PersonasMixin, ListaFiltradaMixin, ListView):
    template_name = "cuentas/personas.html"
    paginate_by = 25
    context_object_name = "personas"

    def filtrar(self, parametros):
        return selectors.personas_filtradas(parametros=parametros)


class PersonaInvitarView(PersonasMixin, FormView):
    template_name = "cuentas/invitar.html"
    form_class = InvitarForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(dias=settings.INVITACION_DIAS, **kwargs)

    def form_valid(self, form):
        datos = form.cleaned_data
        try:
            persona = services.persona_invitar(
                usuario=self.request.user, nombres=datos["first_name"], apellidos=datos["last_name"],
                correo=datos["email"], rol=datos["rol"], institucion=datos["institucion"],
            )
        except ValidationError as error:
            _aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Se envió la invitación a %(nombre)s (%(correo)s). El enlace para elegir su contraseña vence el "
            "%(fecha)s."
        ) % {"nombre": persona.nombre_visible, "correo": persona.email,
             "fecha": fecha_hora(persona.invitacion.vence)})
        return redirect("cuentas:persona", pk=persona.pk)


class PersonaDetailView(_PersonaMixin, DetailView):
    template_name = "cuentas/persona.html"
    context_object_name = "persona"

    def get_context_data(self, **kwargs):
        usuario, persona = self.request.user, self.object
        return super().get_context_data(
            puede_desactivar=permisos.puede_desactivar_persona(usuario, persona),
            puede_reenviar=permisos.puede_reenviar_invitacion(usuario, persona),
            historial=selectors.historial_de_persona(persona=persona),
            **kwargs,
        )


class PersonaEditarView(_PersonaMixin, FormView):
    template_name = "cuentas/persona_editar.html"
    form_class = PersonaForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not self.test_func():
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(), "instance": self.object,
            "puede_cambiar_rol": permisos.puede_cambiar_rol_de(self.request.user, self.object),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(persona=self.object, **kwargs)

    def form_valid(self, form):
        datos = form.cleaned_data
        correo_anterior = Usuario.objects.values_list("email", flat=True).get(pk=self.object.pk)
        try:
            persona = services.persona_modificar(
                persona=self.object, usuario=self.request.user, version=datos["version"],
                nombres=datos["first_name"], apellidos=datos["last_name"], correo=datos["email"], rol=datos["rol"],
                institucion=datos["institucion"], recibe_avisos=datos["recibe_avisos"],
            )
        except ValidationError as error:
            _aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Se guardaron los cambios de %(nombre)s.") % {
            "nombre": persona.nombre_visible})
        if correo_anterior.lower() != persona.email.lower() and permisos.puede_reenviar_invitacion(
            self.request.user, persona
        ):
            # The pending link was bound to the old address (cuentas.tokens): it no longer works.
            messages.warning(self.request, _(
                "La invitación pendiente se envió a %(anterior)s y su enlace ya no funciona: reenvíela para que "
                "llegue a %(nuevo)s."
            ) % {"anterior": correo_anterior, "nuevo": persona.email})
        return redirect("cuentas:persona", pk=persona.pk)


class _AccionPersonaView(PersonasMixin, View):
    """A button on the person's page: the service decides, the page says what happened."""

    http_method_names = ["post"]

    def ejecutar(self, persona, version):
        raise NotImplementedError

    def post(self, request, pk):
        persona = get_object_or_404(Usuario, pk=pk)
        version = request.POST.get("version")
        try:
            mensaje = self.ejecutar(persona, int(version) if version and version.isdigit() else None)
        except ValidationError as error:
            for texto in error.messages:
                messages.error(request, texto)
        else:
            messages.success(request, mensaje)
        return redirect("cuentas:persona", pk=persona.pk)


class PersonaDesactivarView(_AccionPersonaView):
    def ejecutar(self, persona, version):
        services.persona_desactivar(persona=persona, usuario=self.request.user, version=version)
        return _("Se desactivó la cuenta de %(nombre)s: ya no puede entrar al sistema. Sus registros se conservan.") % {
            "nombre": persona.nombre_visible}


class PersonaReactivarView(_AccionPersonaView):
    def ejecutar(self, persona, version):
        services.persona_reactivar(persona=persona, usuario=self.request.user, version=version)
        return _("Se reactivó la cuenta de %(nombre)s.") % {"nombre": persona.nombre_visible}


class InvitacionReenviarView(_AccionPersonaView):
    def ejecutar(self, persona, version):
        invitacion = services.invitacion_reenviar(persona=persona, usuario=self.request.user)
        return _(
            "Se reenvió la invitación a %(correo)s. El enlace anterior ya no funciona; el nuevo vence el %(fecha)s."
        ) % {"correo": persona.email, "fecha": fecha_hora(invitacion.vence)}


class InvitacionAceptarView(PasswordResetConfirmView):
    """The invited person chooses a password through the e-mailed link and is signed in.

    Django's password-reset confirmation (the token moves from the URL to the session
    before the form is shown, so it cannot leak through the Referer header), with the
    invitation's token generator and a page that says why a link no longer works.
    """

    template_name = "cuentas/invitacion_aceptar.html"
    token_generator = generador_de_invitaciones
    reset_url_token = "elegir-contrasena"
    post_reset_login = True
    post_reset_login_backend = "cuentas.backends.CorreoOUsuarioBackend"
    success_url = reverse_lazy("inicio")

    def get_user(self, uidb64):
        usuario = super().get_user(uidb64)
        # Accounts created otherwise have no invitation to accept.
        return usuario if usuario is not None and getattr(usuario, "invitacion", None) is not None else None

    def _token(self):
        token = self.kwargs.get("token")
        return self.request.session.get(INTERNAL_RESET_SESSION_TOKEN) if token == self.reset_url_token else token

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["title"] = _("Elegir su contraseña")
        if not self.validlink:
            if self.user is not None and self.user.invitacion.aceptada is not None:
                contexto["motivo"] = "aceptada"
            elif self.user is not None:
                contexto["motivo"] = self.token_generator.verificar(self.user, self._token())
            else:
                contexto["motivo"] = INVALIDO
        else:
            contexto["persona"] = self.user
        return contexto

    def form_valid(self, form):
        try:
            persona = services.invitacion_aceptar(
                persona=self.user, token=self._token(), contrasena=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            _aplicar_errores(form, error)
            return self.form_invalid(form)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        login(self.request, persona, self.post_reset_login_backend)
        messages.success(self.request, _("Su contraseña quedó guardada y ya entró al sistema. Desde ahora entre con "
                                         "su correo electrónico (%(correo)s) y esa contraseña.") % {
            "correo": persona.email})
        return redirect(self.get_success_url())
