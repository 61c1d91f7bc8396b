def migrate(cr, version):
    """Earlier versions left the last ID sign-in's key in oauth_access_token, where it stayed
    a valid password: drop it for every user of a code-flow provider."""
    cr.execute(
        """UPDATE res_users u SET oauth_access_token = NULL
             FROM auth_oauth_provider p
            WHERE u.oauth_provider_id = p.id AND p.oidc_flow = 'oidc_code'
              AND u.oauth_access_token IS NOT NULL"""
    )
