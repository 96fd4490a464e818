"""Form glue shared by every app's forms.py."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ServiceErrorsMixin:
    """Puts a service's ``ValidationError({field: [msg]})`` onto the form's fields.

    ``FIELD_OF`` renames service keys to form fields; an error about a value the
    form does not show keeps its name as a prefix in the form-wide errors.
    """

    FIELD_OF: dict[str, str] = {}

    def add_service_errors(self, exc: ValidationError) -> None:
        errors = (exc.message_dict if hasattr(exc, "error_dict")
                  else {NON_FIELD_ERRORS: exc.messages})
        for name, messages in errors.items():
            name = self.FIELD_OF.get(name, name)
            field = name if name in self.fields else None
            if field and field in self.errors:
                continue  # the form already said what is wrong here
            prefix = "" if field or name == NON_FIELD_ERRORS else f"{name}: "
            for message in messages:
                self.add_error(field, prefix + message)
