from . import login, oidc
