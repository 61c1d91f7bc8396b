# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .locks import RowsBusy, lock_rows, select_for_update
