from . import apply, assist, oidc_popup, verify
