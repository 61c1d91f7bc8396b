from . import apply, drafts
