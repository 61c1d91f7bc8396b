# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
def migrate(cr, version):
    """Earlier versions left the last ID sign-in's key in oauth_access_token, where it stayed
    a valid password: drop it for every user of a code-flow provider. A demo database also
    stops offering the Odoo.com sign-in (demo data is not reapplied on update)."""
    cr.execute(
        """UPDATE res_users u SET oauth_access_token = NULL
             FROM auth_oauth_provider p
            WHERE u.oauth_provider_id = p.id AND p.oidc_flow = 'oidc_code'
              AND u.oauth_access_token IS NOT NULL"""
    )
    cr.execute("SELECT demo FROM ir_module_module WHERE name = 'g2p_portal_auth_oidc'")
    row = cr.fetchone()
    if row and row[0]:
        cr.execute(
            """UPDATE auth_oauth_provider SET enabled = false
                WHERE id IN (SELECT res_id FROM ir_model_data
                              WHERE module = 'auth_oauth' AND name = 'provider_openerp')"""
        )
