# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.addons.web.controllers.home import Home
from odoo.http import request


class G2PLogin(Home):
    @http.route()
    def web_login(self, redirect=None, **kw):
        # Odoo reads the posted login and password as required keys: a form posted
        # without them is a failed sign-in, not a server error.
        if request.httprequest.method == "POST":
            for name in ("login", "password"):
                if not isinstance(request.params.get(name), str):
                    request.params[name] = ""
        return super().web_login(redirect=redirect, **kw)
