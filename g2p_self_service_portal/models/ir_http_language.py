# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import werkzeug

from odoo import models
from odoo.addons.http_routing.models.ir_http import url_for
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _frontend_pre_dispatch(cls):
        result = super()._frontend_pre_dispatch()
        cls._g2p_follow_user_language()
        return result

    @classmethod
    def _g2p_follow_user_language(cls):
        """Once signed in, a person sees the pages in their own language.

        Odoo's website keeps the language of the pages visited before signing in (the
        frontend_lang cookie), so a registrant whose language is Arabic would land on /my in
        the sign-in page's language. The first page after signing in follows the person's
        language instead (when the website offers it, and unless the visitor already chose
        another language than the website's default); from then on the language switcher
        decides, as for any visitor.
        """
        session = request.session
        if not session.uid or session.get("g2p_lang_followed"):
            return
        session["g2p_lang_followed"] = True
        if request.httprequest.method != "GET":
            return
        current = request.lang._get_cached("code")
        preferred = request.env.user.lang
        if not preferred or preferred == current:
            return
        if current != cls._get_default_lang()._get_cached("code"):
            return  # the visitor chose a language before signing in: keep it
        if preferred not in request.env["ir.http"]._get_frontend_langs():
            return
        query = request.httprequest.query_string.decode()
        target = url_for(request.httprequest.path + (f"?{query}" if query else ""), lang_code=preferred)
        werkzeug.exceptions.abort(request.redirect(target, local=True))
