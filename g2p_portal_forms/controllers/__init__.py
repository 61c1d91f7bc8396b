from . import apply
