from django.dispatch import Signal

# Sent when a person's date of death is recorded; the aid app ends every enrolment on it.
person_died = Signal()
