from .application import Application, Status

__all__ = ["Application", "Status"]
