from . import portal
from . import applications
from . import benefits
from . import profile
