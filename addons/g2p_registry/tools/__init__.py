from .locks import RowsBusy, lock_rows
